package dev.waxseal.server.entries.pki;

import java.security.Provider;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.Selector;

/** Verifies the signers of CMS (PKCS#7) signed data: jar signatures, RFC 3161 responses. */
public final class CmsSignerVerifiers {
  private static final Provider BC = new BouncyCastleProvider();

  private CmsSignerVerifiers() {}

  /** Why a signer did not verify; each caller words it in its own kind's messages. */
  public enum Failure {
    /** The signer's certificate is not among the signed data's certificates. */
    CERTIFICATE_MISSING,
    /** The signature does not verify with the key of the signer's certificate. */
    SIGNATURE_INVALID
  }

  /**
   * Checks every signer of {@code signed} with the key of its own certificate, taken from the
   * signed data.
   *
   * @return the first failure, or empty if every signer verifies
   */
  public static Optional<Failure> firstFailure(CMSSignedData signed) {
    for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
      @SuppressWarnings("unchecked")
      Selector<X509CertificateHolder> selector =
          (Selector<X509CertificateHolder>) (Selector<?>) signer.getSID();
      Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(selector);
      if (matches.isEmpty()) {
        return Optional.of(Failure.CERTIFICATE_MISSING);
      }
      boolean valid;
      try {
        valid = signer.verify(fromKeyOf(matches.iterator().next()));
      } catch (CMSException | OperatorCreationException | RuntimeException e) {
        valid = false;
      }
      if (!valid) {
        return Optional.of(Failure.SIGNATURE_INVALID);
      }
    }
    return Optional.empty();
  }

  /**
   * A verifier from the certificate's key alone: like relic (Rekor's jar and timestamp code), the
   * certificate's validity period is not checked against the signing time, which Bouncy Castle does
   * for a certificate-bound verifier.
   *
   * @throws OperatorCreationException if the certificate's key cannot make a verifier
   */
  static SignerInformationVerifier fromKeyOf(X509CertificateHolder certificate)
      throws OperatorCreationException {
    return new SignerInformationVerifier(
        new DefaultCMSSignatureAlgorithmNameGenerator(),
        new DefaultSignatureAlgorithmIdentifierFinder(),
        new JcaContentVerifierProviderBuilder()
            .setProvider(BC)
            .build(certificate.getSubjectPublicKeyInfo()),
        new BcDigestCalculatorProvider());
  }
}
