package dev.waxseal.server.signing.kms;

import dev.waxseal.server.signing.SigningException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMParser;

/**
 * The public half of the KMS key: its DER SubjectPublicKeyInfo, and a check that a signature from
 * KMS verifies under it (Bouncy Castle's lightweight API, as the rest of {@code signing}).
 */
final class KmsPublicKey {
  private final byte[] der;
  private final ECPublicKeyParameters key;

  private KmsPublicKey(byte[] der, ECPublicKeyParameters key) {
    this.der = der;
    this.key = key;
  }

  /**
   * Parses the {@code BEGIN PUBLIC KEY} PEM that KMS GetPublicKey returns.
   *
   * @param source names the key in error messages
   * @throws IllegalStateException if the PEM is not exactly one ECDSA P-256 public key
   */
  static KmsPublicKey parsePem(String pem, String source) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object first = parser.readObject();
      if (!(first instanceof SubjectPublicKeyInfo info)) {
        throw new IllegalStateException(
            "the public key of "
                + source
                + " is "
                + (first == null ? "no PEM object" : first.getClass().getSimpleName())
                + ", want a PEM SubjectPublicKeyInfo (BEGIN PUBLIC KEY)");
      }
      if (parser.readObject() != null) {
        throw new IllegalStateException(
            "the public key PEM of " + source + " holds more than one object");
      }
      AlgorithmIdentifier algorithm = info.getAlgorithm();
      if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
          || !SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
        throw new IllegalStateException(
            "the public key of "
                + source
                + " is not an ECDSA P-256 key (algorithm "
                + algorithm.getAlgorithm()
                + ", parameters "
                + algorithm.getParameters()
                + ")");
      }
      ECPublicKeyParameters key = (ECPublicKeyParameters) PublicKeyFactory.createKey(info);
      return new KmsPublicKey(info.getEncoded(ASN1Encoding.DER), key);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot parse the public key PEM of " + source + ": " + e.getMessage(), e);
    }
  }

  /** The DER SubjectPublicKeyInfo, a fresh copy. */
  byte[] der() {
    return der.clone();
  }

  /**
   * Whether {@code signature} is a canonical ASN.1 DER ECDSA signature of {@code digest} under this
   * key.
   */
  boolean verifies(byte[] digest, byte[] signature) {
    BigInteger[] rs;
    try {
      rs = StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), signature);
    } catch (IOException | IllegalArgumentException e) {
      throw new SigningException("Cloud KMS sent a signature that is not ASN.1 DER ECDSA", e);
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(digest, rs[0], rs[1]);
  }
}
