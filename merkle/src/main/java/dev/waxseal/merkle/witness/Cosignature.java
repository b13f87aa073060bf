package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One witness cosignature, C2SP tlog-cosignature {@code cosignature/v1}: a note signature line
 * whose 72 signature bytes are a big-endian timestamp and an Ed25519 signature.
 *
 * <pre>
 * — witness.example.com/w1 base64( key id (4) ‖ timestamp (8, uint64 BE, seconds) ‖ Ed25519 (64) )
 *
 * signed message = "cosignature/v1\n" "time " decimal(timestamp) "\n" checkpoint note text
 * key id         = SHA-256(key name ‖ 0x0A ‖ 0x04 ‖ 32-byte public key)[:4]
 * </pre>
 *
 * <p>Immutable, with value equality. The timestamp is in seconds since the Unix epoch; like
 * torchwood, values above {@link Long#MAX_VALUE} are rejected.
 */
public final class Cosignature {
  /** Bytes of an Ed25519 signature (RFC 8032). */
  public static final int ED25519_SIGNATURE_SIZE = 64;

  /** Bytes after the key id on a cosignature/v1 line: timestamp and signature. */
  public static final int SIGNATURE_SIZE = 8 + ED25519_SIGNATURE_SIZE;

  private static final String HEADER = "cosignature/v1\ntime ";

  private final String keyName;
  private final int keyId;
  private final long timestamp;
  private final byte[] signature;

  private Cosignature(String keyName, int keyId, long timestamp, byte[] signature) {
    this.keyName = keyName;
    this.keyId = keyId;
    this.timestamp = timestamp;
    this.signature = signature;
  }

  /**
   * Creates a cosignature from its parts.
   *
   * @throws IllegalArgumentException if the key name is invalid, the timestamp is negative, or the
   *     signature is not 64 bytes
   */
  public static Cosignature of(String keyName, int keyId, long timestamp, byte[] ed25519Signature) {
    NoteKeys.requireValidKeyName(keyName);
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamp " + timestamp + " is negative");
    }
    if (ed25519Signature.length != ED25519_SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 signature is "
              + ed25519Signature.length
              + " bytes, want "
              + ED25519_SIGNATURE_SIZE);
    }
    return new Cosignature(keyName, keyId, timestamp, ed25519Signature.clone());
  }

  /**
   * Reads a note signature line as a cosignature/v1.
   *
   * <p>The line's type is not written on it: a line is a cosignature if its key (name, id) is a
   * cosigner's. Call this only for such lines; {@link CosignatureVerifier#matches} decides.
   *
   * @throws IllegalArgumentException if the signature is not 72 bytes, or its timestamp does not
   *     fit in a signed 64-bit integer
   */
  public static Cosignature fromNoteSignature(NoteSignature line) {
    byte[] blob = line.signature();
    if (blob.length != SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "cosignature by "
              + line
              + " is "
              + blob.length
              + " bytes, want "
              + SIGNATURE_SIZE
              + " (timestamp and Ed25519 signature)");
    }
    long timestamp = ByteBuffer.wrap(blob).getLong();
    if (timestamp < 0) {
      throw new IllegalArgumentException(
          "cosignature by "
              + line
              + " has timestamp "
              + Long.toUnsignedString(timestamp)
              + ", above 2^63-1");
    }
    return new Cosignature(
        line.keyName(), line.keyId(), timestamp, Arrays.copyOfRange(blob, 8, blob.length));
  }

  /**
   * Returns the bytes a witness signs: {@code "cosignature/v1\ntime <timestamp>\n"} followed by the
   * checkpoint note text (C2SP tlog-cosignature, "Ed25519 cosignature/v1").
   *
   * @throws IllegalArgumentException if {@code timestamp} is negative or the text does not end in a
   *     newline
   */
  public static byte[] signedMessage(String checkpointText, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamp " + timestamp + " is negative");
    }
    if (!checkpointText.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint text does not end with a newline");
    }
    return (HEADER + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
  }

  /** The witness's key name, as on the signature line. */
  public String keyName() {
    return keyName;
  }

  /** The key id, {@code SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4]} for an honest witness. */
  public int keyId() {
    return keyId;
  }

  /** Seconds since the Unix epoch at which the witness cosigned. */
  public long timestamp() {
    return timestamp;
  }

  /** A copy of the 64-byte Ed25519 signature. */
  public byte[] ed25519Signature() {
    return signature.clone();
  }

  /** The note signature line this cosignature is written as. */
  public NoteSignature toNoteSignature() {
    return NoteSignature.of(keyName, keyId, signatureBytes());
  }

  /** The signature line, {@code "— <name> <base64(keyId ‖ timestamp ‖ signature)>\n"}. */
  public String line() {
    return toNoteSignature().line();
  }

  /** Timestamp (8 bytes, big-endian) followed by the signature: the line's bytes after the id. */
  byte[] signatureBytes() {
    return ByteBuffer.allocate(SIGNATURE_SIZE).putLong(timestamp).put(signature).array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cosignature other
        && keyId == other.keyId
        && timestamp == other.timestamp
        && keyName.equals(other.keyName)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return ((keyName.hashCode() * 31 + keyId) * 31 + Long.hashCode(timestamp)) * 31
        + Arrays.hashCode(signature);
  }

  /** The key name, hex key id and timestamp, e.g. {@code witness.example/1a2b3c4d@1679315147}. */
  @Override
  public String toString() {
    return keyName + "/" + NoteKeys.keyIdHex(keyId) + "@" + timestamp;
  }
}
