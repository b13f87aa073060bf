package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Verifies one witness's {@code cosignature/v1} cosignatures (C2SP tlog-cosignature) with its
 * Ed25519 public key.
 *
 * <p>It is also a {@link NoteVerifier}: given to {@link dev.waxseal.merkle.note.SignedNote#verify}
 * next to the log's verifier, it checks the witness's line on a cosigned checkpoint, as the
 * tlog-witness spec suggests clients do. Immutable and thread-safe.
 */
public final class CosignatureVerifier implements NoteVerifier {
  private final String keyName;
  private final byte[] rawKey;
  private final int keyId;
  private final PublicKey publicKey;

  private CosignatureVerifier(String keyName, byte[] rawKey) {
    this.keyName = keyName;
    this.rawKey = rawKey;
    this.keyId = NoteKeys.keyId(keyName, NoteKeys.ED25519_COSIGNATURE, rawKey);
    this.publicKey = Ed25519.publicKey(rawKey);
  }

  /**
   * A verifier for the witness named {@code keyName} with the raw 32-byte Ed25519 key; its key id
   * is {@code SHA-256(keyName ‖ 0x0A ‖ 0x04 ‖ key)[:4]}.
   *
   * @throws IllegalArgumentException if the name is not a valid key name or the key is not a valid
   *     32-byte Ed25519 key
   */
  public static CosignatureVerifier of(String keyName, byte[] rawKey) {
    NoteKeys.requireValidKeyName(keyName);
    return new CosignatureVerifier(keyName, rawKey.clone());
  }

  /**
   * A verifier for a witness vkey, e.g. {@code witness.stagemole.eu+67f7aea0+BEqSG3yu…}.
   *
   * @throws IllegalArgumentException if the vkey's signature type is not 0x04 (cosignature/v1)
   */
  public static CosignatureVerifier of(VerifierKey vkey) {
    if (vkey.signatureType() != NoteKeys.ED25519_COSIGNATURE) {
      throw new IllegalArgumentException(
          String.format(
              "vkey %s has signature type 0x%02x, want 0x04 (Ed25519 cosignature/v1)",
              vkey.name(), vkey.signatureType()));
    }
    return new CosignatureVerifier(vkey.name(), vkey.publicKey());
  }

  @Override
  public String keyName() {
    return keyName;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** A copy of the raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return rawKey.clone();
  }

  /** The witness's vkey, {@code <name>+<key id>+<base64(0x04 ‖ key)>}. */
  public VerifierKey verifierKey() {
    return VerifierKey.parse(
        keyName
            + "+"
            + NoteKeys.keyIdHex(keyId)
            + "+"
            + java.util.Base64.getEncoder().encodeToString(typeAndKey()));
  }

  /** Returns {@code true} if {@code line} names this witness's key (name and key id). */
  public boolean matches(NoteSignature line) {
    return line.keyId() == keyId && line.keyName().equals(keyName);
  }

  /**
   * Verifies a cosignature over a checkpoint's note text.
   *
   * @throws NoteVerificationException if the cosignature is by another key, the text is not a
   *     checkpoint, or the signature does not verify; the message names the witness
   */
  public void verify(String checkpointText, Cosignature cosignature)
      throws NoteVerificationException {
    if (cosignature.keyId() != keyId || !cosignature.keyName().equals(keyName)) {
      throw new NoteVerificationException(
          "cosignature " + cosignature + " is not by witness " + this);
    }
    try {
      Checkpoint.parse(checkpointText);
    } catch (NoteFormatException e) {
      throw new NoteVerificationException(
          "witness " + this + " cosigns checkpoints only, and this is not one: " + e.getMessage());
    }
    byte[] message = Cosignature.signedMessage(checkpointText, cosignature.timestamp());
    try {
      Ed25519.verify(publicKey, message, cosignature.ed25519Signature());
    } catch (GeneralSecurityException e) {
      throw new NoteVerificationException(
          "cosignature " + cosignature + " does not verify with witness key " + this, e);
    }
  }

  /**
   * {@link NoteVerifier} form: {@code signature} is the line's 72 bytes after the key id.
   *
   * @throws NoteVerificationException if they are not a valid cosignature/v1 over {@code message}
   */
  @Override
  public void verify(byte[] message, byte[] signature) throws NoteVerificationException {
    Cosignature cosignature;
    try {
      cosignature = Cosignature.fromNoteSignature(NoteSignature.of(keyName, keyId, signature));
    } catch (IllegalArgumentException e) {
      throw new NoteVerificationException(String.valueOf(e.getMessage()));
    }
    verify(new String(message, StandardCharsets.UTF_8), cosignature);
  }

  private byte[] typeAndKey() {
    byte[] blob = new byte[1 + rawKey.length];
    blob[0] = NoteKeys.ED25519_COSIGNATURE;
    System.arraycopy(rawKey, 0, blob, 1, rawKey.length);
    return blob;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignatureVerifier other
        && keyName.equals(other.keyName)
        && Arrays.equals(rawKey, other.rawKey);
  }

  @Override
  public int hashCode() {
    return keyName.hashCode() * 31 + Arrays.hashCode(rawKey);
  }

  /** The key name and hex key id, e.g. {@code witness.stagemole.eu/67f7aea0}. */
  @Override
  public String toString() {
    return keyName + "/" + NoteKeys.keyIdHex(keyId);
  }
}
