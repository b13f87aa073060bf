package dev.waxseal.server.entries.alpine;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.GenericSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signatures over a SHA-1 digest, as sigstore's {@code signature.LoadUnsafeVerifier} checks an
 * APK's {@code .SIGN} with {@code options.WithDigest} and {@code crypto.SHA1}: RSA PKCS #1 v1.5 and
 * ECDSA (ASN.1 DER). Other key types are refused.
 *
 * <p>Stateless.
 */
final class Sha1Signatures {
  private static final byte[] SHA1_DIGEST_INFO =
      HexFormat.of().parseHex("3021300906052b0e03021a05000414");

  private Sha1Signatures() {}

  /**
   * Verifies {@code signature} over {@code sha1} with the key of {@code canonicalPem} (a {@code
   * PUBLIC KEY} or a {@code CERTIFICATE}, as {@link dev.waxseal.server.entries.pki.X509PublicKey}
   * re-encodes what the client sent).
   *
   * @throws InvalidEntryException (INVALID_SIGNATURE) if it does not verify
   */
  static void verify(byte[] canonicalPem, byte[] sha1, byte[] signature) {
    AsymmetricKeyParameter key = key(canonicalPem);
    if (key instanceof RSAKeyParameters rsa) {
      if (!rsa(rsa, sha1, signature)) {
        throw invalid("crypto/rsa: verification error");
      }
    } else if (key instanceof ECPublicKeyParameters ec) {
      if (!ecdsa(ec, sha1, signature)) {
        throw invalid("invalid signature when validating ASN.1 encoded signature");
      }
    } else {
      throw invalid("APK signatures are verified with RSA or ECDSA keys only");
    }
  }

  private static AsymmetricKeyParameter key(byte[] canonicalPem) {
    Pem.Block block = Pem.decodeFirst(canonicalPem).orElseThrow();
    try {
      SubjectPublicKeyInfo spki =
          block.type().equals("CERTIFICATE")
              ? new X509CertificateHolder(block.der()).getSubjectPublicKeyInfo()
              : SubjectPublicKeyInfo.getInstance(block.der());
      return PublicKeyFactory.createKey(spki);
    } catch (IOException | RuntimeException e) {
      // The PEM was produced by X509PublicKey from a key it parsed: this is a server bug.
      throw new IllegalStateException("canonical key does not parse", e);
    }
  }

  private static boolean rsa(RSAKeyParameters key, byte[] sha1, byte[] signature) {
    int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
    if (signature.length != modulusBytes) {
      return false;
    }
    GenericSigner verifier =
        new GenericSigner(new PKCS1Encoding(new RSABlindedEngine()), new NullDigest());
    verifier.init(false, key);
    verifier.update(SHA1_DIGEST_INFO, 0, SHA1_DIGEST_INFO.length);
    verifier.update(sha1, 0, sha1.length);
    try {
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean ecdsa(ECPublicKeyParameters key, byte[] sha1, byte[] signature) {
    BigInteger r;
    BigInteger s;
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
      if (seq.size() != 2 || !Arrays.equals(seq.getEncoded("DER"), signature)) {
        return false;
      }
      r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (r.signum() <= 0 || s.signum() <= 0) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(sha1, r, s);
  }

  private static InvalidEntryException invalid(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, detail);
  }
}
