package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import java.util.List;

/**
 * A consistency proof between the trees of {@code size1} and {@code size2} leaves (RFC 9162
 * §2.1.4.1).
 *
 * @param size1 the older tree size, {@code 0 <= size1 <= size2}
 * @param size2 the newer tree size
 * @param hashes the proof hashes (copied); empty when the sizes are equal or {@code size1} is 0
 */
public record ConsistencyProof(long size1, long size2, List<Hash> hashes) {
  /**
   * Validates the numbers and copies the hashes.
   *
   * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2}
   */
  public ConsistencyProof {
    if (size1 < 0 || size2 < size1) {
      throw new IllegalArgumentException(
          "size1 " + size1 + " and size2 " + size2 + " do not satisfy 0 <= size1 <= size2");
    }
    hashes = List.copyOf(hashes);
  }
}
