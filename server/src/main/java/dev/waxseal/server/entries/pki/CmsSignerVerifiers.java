package dev.waxseal.server.entries.pki;

import java.security.Provider;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** Verifiers for the signers of CMS (PKCS#7) signed data: jar signatures, RFC 3161 responses. */
public final class CmsSignerVerifiers {
  private static final Provider BC = new BouncyCastleProvider();

  private CmsSignerVerifiers() {}

  /**
   * A verifier from the certificate's key alone: like relic (Rekor's jar and timestamp code), the
   * certificate's validity period is not checked against the signing time, which Bouncy Castle does
   * for a certificate-bound verifier.
   *
   * @throws OperatorCreationException if the certificate's key cannot make a verifier
   */
  public static SignerInformationVerifier fromKeyOf(X509CertificateHolder certificate)
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
