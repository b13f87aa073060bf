package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import java.util.List;

/**
 * An inclusion proof (audit path) for leaf {@code index} in the tree of {@code treeSize} leaves,
 * ordered leaf sibling first, root child last (RFC 9162 §2.1.3.1).
 *
 * @param index the leaf's position, {@code 0 <= index < treeSize}
 * @param treeSize the size of the tree the proof is for
 * @param hashes the proof hashes (copied)
 */
public record InclusionProof(long index, long treeSize, List<Hash> hashes) {
  /**
   * Validates the numbers and copies the hashes.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize}
   */
  public InclusionProof {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "index " + index + " out of bounds for tree size " + treeSize);
    }
    hashes = List.copyOf(hashes);
  }
}
