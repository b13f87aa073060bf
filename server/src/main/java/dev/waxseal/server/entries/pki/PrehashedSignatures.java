package dev.waxseal.server.entries.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signature checks over a digest the client computed, with Bouncy Castle's low-level primitives (no
 * JCA provider lookup per call). Each returns whether the signature is valid and applies the same
 * encoding rules as Go's verifiers Rekor uses.
 */
final class PrehashedSignatures {
  private static final byte[] NO_CONTEXT = new byte[0];

  private PrehashedSignatures() {}

  /**
   * ECDSA over {@code digest} (truncated to the curve order as FIPS 186-4 says), with the signature
   * in strict DER {@code SEQUENCE {r, s}} and {@code 0 < r, s < n}, as Go's {@code
   * ecdsa.VerifyASN1}.
   */
  static boolean ecdsa(ECPublicKeyParameters key, byte[] digest, byte[] signature) {
    BigInteger[] rs;
    try {
      // Decodes, re-encodes and compares: rejects BER, trailing bytes and out-of-range values.
      rs = StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), signature);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return false;
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, key);
    return signer.verifySignature(digest, rs[0], rs[1]);
  }

  /**
   * RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) over {@code digest}: the signature must be exactly as long
   * as the modulus and the encoded message must equal {@code 00 01 FF… 00 DigestInfo digest}, with
   * the NULL parameters present, as Go's {@code rsa.VerifyPKCS1v15} requires.
   */
  static boolean rsaPkcs1v15(
      RSAKeyParameters key, DigestAlgorithm algorithm, byte[] digest, byte[] signature) {
    BigInteger n = key.getModulus();
    int k = (n.bitLength() + 7) / 8;
    byte[] prefix = algorithm.digestInfoPrefix();
    int tLen = prefix.length + digest.length;
    if (signature.length != k || k < tLen + 11) {
      return false;
    }
    BigInteger s = new BigInteger(1, signature);
    if (s.compareTo(n) >= 0) {
      return false;
    }
    byte[] em = toFixedLength(s.modPow(key.getExponent(), n), k);
    byte[] expected = new byte[k];
    expected[1] = 0x01;
    for (int i = 2; i < k - tLen - 1; i++) {
      expected[i] = (byte) 0xff;
    }
    System.arraycopy(prefix, 0, expected, k - tLen, prefix.length);
    System.arraycopy(digest, 0, expected, k - digest.length, digest.length);
    return MessageDigest.isEqual(em, expected);
  }

  /** Ed25519ph (RFC 8032 §5.1) with an empty context over a SHA-512 {@code digest}. */
  static boolean ed25519ph(Ed25519PublicKeyParameters key, byte[] digest, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE || digest.length != Ed25519.PREHASH_SIZE) {
      return false;
    }
    return key.verify(
        Ed25519.Algorithm.Ed25519ph, NO_CONTEXT, digest, 0, digest.length, signature, 0);
  }

  /** Pure Ed25519 (RFC 8032 §5.1.7) over {@code message}, as Go's {@code ed25519.Verify}. */
  static boolean ed25519(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
  }

  private static byte[] toFixedLength(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
