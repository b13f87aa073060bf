package dev.waxseal.server.entries.cose;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.Pem;
import dev.waxseal.server.entries.pki.X509PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * COSE_Sign1 verification as go-cose's {@code Sign1Message.Verify} with the verifier Rekor picks
 * for the key: ES256 (ECDSA P-256 over SHA-256, the signature as {@code r || s}, 64 bytes) or PS256
 * (RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32; keys of at least 2048 bits), over {@code
 * Sig_structure} (RFC 9052 §4.4) with the message's own protected header bytes.
 */
final class CoseSignatures {
  /** COSE algorithm ES256 (RFC 9053 §2.1). */
  static final long ES256 = -7;

  /** COSE algorithm PS256 (RFC 8230 §2). */
  static final long PS256 = -37;

  private static final BigInteger P256_ORDER = ECNamedCurveTable.getByName("P-256").getN();

  private CoseSignatures() {}

  /**
   * Verifies {@code message} with {@code key} and returns its payload.
   *
   * @throws InvalidEntryException if the key is unsupported, the algorithm differs, the payload is
   *     detached or the signature does not verify
   */
  static byte[] verify(X509PublicKey key, Sign1Message message, byte[] externalAad) {
    AsymmetricKeyParameter parameters = parameters(key);
    long expected = algorithmFor(parameters);
    long alg =
        message
            .algorithm()
            .orElseThrow(() -> invalid("algorithm not found in the protected header"));
    if (alg != expected) {
      throw invalid("algorithm mismatch: the message says " + alg + ", the key needs " + expected);
    }
    byte[] payload = message.payload();
    if (payload == null) {
      throw invalid("missing payload: detached COSE payloads are not supported");
    }
    byte[] toBeSigned = Cbor.signature1(message.rawProtected(), externalAad, payload);
    boolean valid =
        expected == ES256
            ? es256((ECPublicKeyParameters) parameters, toBeSigned, message.signature())
            : ps256((RSAKeyParameters) parameters, toBeSigned, message.signature());
    if (!valid) {
      throw invalid("verification error");
    }
    return payload;
  }

  private static long algorithmFor(AsymmetricKeyParameter parameters) {
    if (parameters instanceof RSAKeyParameters rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw unsupported("RSA key must be at least 2048 bits long");
      }
      return PS256;
    }
    if (parameters instanceof ECPublicKeyParameters ec) {
      if (!ec.getParameters().getN().equals(P256_ORDER)) {
        throw unsupported("unsupported elliptic curve: only P-256 (ES256) is accepted");
      }
      return ES256;
    }
    throw unsupported("unsupported algorithm type: COSE entries take RSA or ECDSA P-256 keys");
  }

  /** The key's parameters, from Rekor's canonical PEM (a PKIX key or a certificate). */
  private static AsymmetricKeyParameter parameters(X509PublicKey key) {
    Pem.Block block = Pem.decodeFirst(key.canonicalPem()).orElseThrow();
    try {
      SubjectPublicKeyInfo info =
          key.isCertificate()
              ? Certificate.getInstance(block.der()).getSubjectPublicKeyInfo()
              : SubjectPublicKeyInfo.getInstance(block.der());
      return PublicKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw unsupported("unsupported algorithm type");
    }
  }

  private static boolean es256(ECPublicKeyParameters key, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    SHA256Digest sha256 = new SHA256Digest();
    byte[] digest = new byte[32];
    sha256.update(message, 0, message.length);
    sha256.doFinal(digest, 0);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(
        digest,
        new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
  }

  private static boolean ps256(RSAKeyParameters key, byte[] message, byte[] signature) {
    PSSSigner verifier = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  private static InvalidEntryException invalid(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, detail);
  }

  private static InvalidEntryException unsupported(String detail) {
    return new InvalidEntryException(Reason.INVALID_PUBLIC_KEY, detail);
  }
}
