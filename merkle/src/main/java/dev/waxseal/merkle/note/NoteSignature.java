package dev.waxseal.merkle.note;

import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a signed note: key name, 32-bit key id and the signature bytes.
 *
 * <p>Immutable: the signature bytes are copied on the way in and out, and equality is by value. On
 * the wire (C2SP signed-note) the line is {@code — <name> base64(keyId BE ‖ signature)\n}.
 */
public final class NoteSignature {
  private final String keyName;
  private final int keyId;
  private final byte[] signature;

  private NoteSignature(String keyName, int keyId, byte[] signature) {
    this.keyName = keyName;
    this.keyId = keyId;
    this.signature = signature;
  }

  /**
   * Creates a signature line from its parts; {@code signature} excludes the 4-byte key id.
   *
   * @throws IllegalArgumentException if {@code keyName} is not a valid key name ({@link
   *     NoteKeys#requireValidKeyName}) or {@code signature} is empty
   */
  public static NoteSignature of(String keyName, int keyId, byte[] signature) {
    NoteKeys.requireValidKeyName(keyName);
    if (signature.length == 0) {
      throw new IllegalArgumentException("signature by " + keyName + " is empty");
    }
    return new NoteSignature(keyName, keyId, signature.clone());
  }

  /** Takes ownership of {@code signature}; only for freshly decoded or signed bytes. */
  static NoteSignature wrap(String keyName, int keyId, byte[] signature) {
    return new NoteSignature(keyName, keyId, signature);
  }

  /** The key name on the signature line. */
  public String keyName() {
    return keyName;
  }

  /** The 32-bit key id (the first four bytes of the decoded signature, big-endian). */
  public int keyId() {
    return keyId;
  }

  /** A copy of the signature bytes, without the key id. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The signature line, {@code "— <name> <base64(keyId ‖ signature)>\n"}. */
  public String line() {
    byte[] blob = new byte[4 + signature.length];
    blob[0] = (byte) (keyId >>> 24);
    blob[1] = (byte) (keyId >>> 16);
    blob[2] = (byte) (keyId >>> 8);
    blob[3] = (byte) keyId;
    System.arraycopy(signature, 0, blob, 4, signature.length);
    return SignedNote.SIGNATURE_PREFIX
        + keyName
        + " "
        + Base64.getEncoder().encodeToString(blob)
        + "\n";
  }

  /** Returns {@code true} if this is a signature by the key {@code (keyName, keyId)}. */
  boolean isBy(String name, int id) {
    return keyId == id && keyName.equals(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature other
        && keyId == other.keyId
        && keyName.equals(other.keyName)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
  }

  /** The key name and hex key id, e.g. {@code rekor.sigstore.dev/c0d23d6a}. */
  @Override
  public String toString() {
    return SignedNote.keyRef(keyName, keyId);
  }
}
