package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.NoteKeys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Ed25519 verification with the JDK's own provider (RFC 8032, pure Ed25519, no prehash). */
final class Ed25519 {
  /** DER SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410); the raw 32 bytes follow. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  /**
   * Builds a JDK public key from the raw 32 bytes.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes or not a valid point encoding
   */
  static PublicKey publicKey(byte[] rawKey) {
    if (rawKey.length != NoteKeys.ED25519_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 public key is " + rawKey.length + " bytes, want " + NoteKeys.ED25519_KEY_SIZE);
    }
    byte[] spki = new byte[SPKI_PREFIX.length + rawKey.length];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(rawKey, 0, spki, SPKI_PREFIX.length, rawKey.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies {@code signature} over {@code message}.
   *
   * @throws GeneralSecurityException if it does not verify
   */
  static void verify(PublicKey key, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(message);
    if (!verifier.verify(signature)) {
      throw new SignatureException("Ed25519 signature does not verify");
    }
  }
}
