package dev.waxseal.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing: the one home of the 0x00 leaf and 0x01 node prefixes.
 *
 * <p>SHA-256 goes through the JDK's {@link MessageDigest}, which uses the CPU's SHA extensions
 * where present. Digests are cached per thread, so the hot path never looks up a provider.
 */
public final class Rfc6962 {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Rfc6962::newSha256);

  private static final Hash EMPTY_ROOT = Hash.wrap(newSha256().digest());

  private Rfc6962() {}

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  /** The leaf hash {@code SHA-256(0x00 ‖ leaf)} of an entry. */
  public static Hash leafHash(byte[] leaf) {
    MessageDigest digest = SHA256.get();
    digest.update(LEAF_PREFIX);
    digest.update(leaf);
    return Hash.wrap(digest.digest());
  }

  /** The interior node hash {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static Hash nodeHash(Hash left, Hash right) {
    byte[] input = new byte[1 + 2 * Hash.SIZE];
    input[0] = NODE_PREFIX;
    left.copyTo(input, 1);
    right.copyTo(input, 1 + Hash.SIZE);
    return Hash.wrap(SHA256.get().digest(input));
  }

  /**
   * Writes the interior node hash {@code SHA-256(0x01 ‖ left ‖ right)} into {@code out} at {@code
   * outOffset}, reading 32 bytes of each child at its offset. For hot loops that keep hashes in
   * flat arrays (tiles, the tile appender): it allocates nothing. {@code out} may overlap either
   * input, since both are consumed before the digest is written.
   *
   * @throws IndexOutOfBoundsException if an offset leaves fewer than 32 bytes in its array
   */
  public static void nodeHash(
      byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    MessageDigest digest = SHA256.get();
    digest.update(NODE_PREFIX);
    digest.update(left, leftOffset, Hash.SIZE);
    digest.update(right, rightOffset, Hash.SIZE);
    try {
      digest.digest(out, outOffset, Hash.SIZE);
    } catch (DigestException e) {
      throw new IndexOutOfBoundsException("no room for a hash at offset " + outOffset);
    }
  }

  /** Plain SHA-256 of {@code data}, for callers that hash other things (key ids, UUIDs). */
  public static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  /**
   * Returns a new SHA-256 digest; every JDK has one, so its absence is a broken runtime.
   *
   * @throws IllegalStateException if the JDK has no SHA-256
   */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
