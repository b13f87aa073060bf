package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import java.util.List;

/**
 * A consistency proof between a {@link Subtree} and the tree of {@code treeSize} entries that
 * contains it: enough hashes to rebuild both the subtree hash and the tree's root, every entry of
 * the subtree feeding both (draft-ietf-plants-merkle-tree-certs §4.4).
 *
 * @param subtree the subtree, ending at or before {@code treeSize}
 * @param treeSize the size of the containing tree
 * @param hashes the proof hashes (copied); empty for an empty subtree or the whole tree
 */
public record SubtreeConsistencyProof(Subtree subtree, long treeSize, List<Hash> hashes) {
  /**
   * Validates the sizes and copies the hashes.
   *
   * @throws IllegalArgumentException unless {@code end <= treeSize}
   */
  public SubtreeConsistencyProof {
    if (subtree.end() > treeSize) {
      throw new IllegalArgumentException(
          "subtree ["
              + subtree.start()
              + ", "
              + subtree.end()
              + ") ends beyond tree size "
              + treeSize);
    }
    hashes = List.copyOf(hashes);
  }
}
