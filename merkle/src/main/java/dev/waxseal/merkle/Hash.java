package dev.waxseal.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable 32-byte SHA-256 value: a leaf hash, a node hash or a root hash.
 *
 * <p>Copies on the way in and on the way out, so no caller can change a hash another caller holds,
 * and compares by value, so no code compares {@code byte[]} by reference.
 */
public final class Hash implements Comparable<Hash> {
  /** The length of every hash in bytes (SHA-256). */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash is " + bytes.length + " bytes, want " + SIZE);
    }
    return new Hash(bytes.clone());
  }

  /**
   * Wraps a copy of the 32 bytes of {@code source} starting at {@code offset}.
   *
   * @throws IllegalArgumentException if fewer than 32 bytes follow {@code offset}
   */
  public static Hash of(byte[] source, int offset) {
    if (offset < 0 || source.length - offset < SIZE) {
      throw new IllegalArgumentException(
          "need " + SIZE + " bytes at offset " + offset + ", have " + (source.length - offset));
    }
    return new Hash(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Takes ownership of {@code bytes} without a copy; only for freshly computed digests. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not exactly 64 hex digits
   */
  public static Hash fromHex(String hex) {
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException(
          "hex hash has " + hex.length() + " characters, want " + 2 * SIZE);
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hex hash has a character that is not a hex digit", e);
    }
  }

  /**
   * Parses standard, padded base64 of 32 bytes.
   *
   * @throws IllegalArgumentException if {@code base64} is not valid base64 of exactly 32 bytes
   */
  public static Hash fromBase64(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hash is not valid base64", e);
    }
    if (decoded.length != SIZE) {
      throw new IllegalArgumentException(
          "base64 hash decodes to " + decoded.length + " bytes, want " + SIZE);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new IllegalArgumentException("hash is not canonical padded base64");
    }
    return new Hash(decoded);
  }

  /** Returns a copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}, without an intermediate copy. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** Returns the byte at {@code i}, for callers that must not allocate. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  /** Lower-case hex, 64 characters. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Standard padded base64, 44 characters. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
