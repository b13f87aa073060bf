package dev.waxseal.client.verify;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.VerifierKey;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;

/**
 * A log's public key: verifies its checkpoints in either dialect and its SETs.
 *
 * <p>Rekor v1 names a checkpoint key by host and gives it the id SHA-256(DER SPKI)[:4] for every
 * algorithm; C2SP uses the same id for ECDSA but SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4] for Ed25519.
 * {@link #noteVerifiers(String)} answers to both rules under a given name.
 */
public final class LogKey {
  /** The DER SubjectPublicKeyInfo prefix of an Ed25519 key; the raw 32 bytes follow. */
  private static final byte[] ED25519_SPKI_PREFIX =
      java.util.HexFormat.of().parseHex("302a300506032b6570032100");

  private final PublicKey key;
  private final String algorithm;

  private LogKey(PublicKey key, String algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  /** Wraps an ECDSA (P-256, SHA-256), Ed25519 or RSA (PKCS#1 v1.5, SHA-256) key. */
  public static LogKey of(PublicKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          case "RSA" -> "SHA256withRSA";
          default ->
              throw new IllegalArgumentException(
                  "unsupported log key algorithm " + key.getAlgorithm());
        };
    return new LogKey(key, algorithm);
  }

  /** Parses a PEM public key or certificate, see {@link PublicKeys#fromPem}. */
  public static LogKey fromPem(String pem) {
    return of(PublicKeys.fromPem(pem));
  }

  /** An Ed25519 key from its raw 32 bytes (RFC 8032). */
  public static LogKey ed25519(byte[] rawKey) {
    if (rawKey.length != NoteKeys.ED25519_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 key is " + rawKey.length + " bytes, want " + NoteKeys.ED25519_KEY_SIZE);
    }
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + rawKey.length);
    System.arraycopy(rawKey, 0, spki, ED25519_SPKI_PREFIX.length, rawKey.length);
    return of(PublicKeys.fromSpki(spki));
  }

  /**
   * The key of a C2SP vkey ({@code <name>+<id>+<base64(type ‖ key)>}): Ed25519 (type 0x01) or ECDSA
   * (type 0x02, DER SPKI).
   */
  public static LogKey fromVerifierKey(VerifierKey vkey) {
    if (vkey.signatureType() == NoteKeys.ED25519) {
      return ed25519(vkey.publicKey());
    }
    if (vkey.signatureType() == NoteKeys.ECDSA) {
      return of(PublicKeys.fromSpki(vkey.publicKey()));
    }
    throw new IllegalArgumentException(
        "vkey " + vkey.name() + " has signature type " + vkey.signatureType() + ", want 1 or 2");
  }

  /** The JDK key. */
  public PublicKey publicKey() {
    return key;
  }

  /** Hex SHA-256 of the DER SPKI: Rekor's logID. */
  public String fingerprint() {
    return PublicKeys.fingerprint(key);
  }

  /** Whether this is an Ed25519 key. */
  public boolean isEd25519() {
    return algorithm.equals("Ed25519");
  }

  /**
   * Verifies {@code signature} over {@code message} with this key.
   *
   * @throws GeneralSecurityException if it does not verify
   */
  public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(message);
    if (!verifier.verify(signature)) {
      throw new SignatureException(
          algorithm + " signature does not verify with key " + fingerprint());
    }
  }

  /**
   * The note verifiers for this key under {@code keyName}: the Rekor v1 id, and the C2SP id where
   * it differs (Ed25519). Both are the same key, so accepting either is no weaker.
   */
  public java.util.List<NoteVerifier> noteVerifiers(String keyName) {
    byte[] spki = key.getEncoded();
    int spkiId = NoteKeys.spkiKeyId(spki);
    java.util.List<NoteVerifier> verifiers = new java.util.ArrayList<>();
    verifiers.add(new KeyNoteVerifier(keyName, spkiId, this));
    if (isEd25519()) {
      byte[] raw = Arrays.copyOfRange(spki, spki.length - NoteKeys.ED25519_KEY_SIZE, spki.length);
      int c2spId = NoteKeys.ed25519KeyId(keyName, raw);
      if (c2spId != spkiId) {
        verifiers.add(new KeyNoteVerifier(keyName, c2spId, this));
      }
    }
    return java.util.List.copyOf(verifiers);
  }

  private record KeyNoteVerifier(String keyName, int keyId, LogKey key) implements NoteVerifier {
    @Override
    public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
      key.verify(message, signature);
    }
  }
}
