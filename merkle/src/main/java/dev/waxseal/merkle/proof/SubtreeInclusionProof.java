package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import java.util.List;

/**
 * An inclusion proof for entry {@code index} in a {@link Subtree}: the RFC 9162 inclusion proof of
 * entry {@code index - start} in the tree over {@code D[start:end]}, leaf sibling first
 * (draft-ietf-plants-merkle-tree-certs §4.3).
 *
 * @param index the entry's position in the whole log, inside {@code subtree}
 * @param subtree the subtree the proof leads to the hash of
 * @param hashes the proof hashes (copied)
 */
public record SubtreeInclusionProof(long index, Subtree subtree, List<Hash> hashes) {
  /**
   * Validates the index and copies the hashes.
   *
   * @throws IllegalArgumentException unless {@code start <= index < end}
   */
  public SubtreeInclusionProof {
    if (!subtree.contains(index)) {
      throw new IllegalArgumentException(
          "index "
              + index
              + " out of bounds for subtree ["
              + subtree.start()
              + ", "
              + subtree.end()
              + ")");
    }
    hashes = List.copyOf(hashes);
  }
}
