package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, strictly.
 *
 * <p>Every check is exact and happens before any hashing: the proof must have exactly the length
 * the sizes imply, {@code index < treeSize}, {@code size1 <= size2}, and equal sizes need an empty
 * proof. A verifier never loops over whatever hashes arrive and hopes the root comparison catches
 * the rest. Failures throw {@link ProofVerificationException} (or its {@link
 * RootMismatchException}); nothing here returns a boolean.
 *
 * <p>The input is untrusted (a proof from a server or a client), so out-of-range numbers are a
 * verification failure here, not an {@link IllegalArgumentException}.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * Verifies that {@code leafHash} is leaf {@code proof.index()} of the tree of {@code
   * proof.treeSize()} leaves whose root is {@code rootHash}.
   *
   * @throws ProofVerificationException if the proof has the wrong length for the index and size
   * @throws RootMismatchException if the proof leads to another root
   */
  public static void verifyInclusion(InclusionProof proof, Hash leafHash, Hash rootHash)
      throws ProofVerificationException {
    verifyInclusion(proof.index(), proof.treeSize(), leafHash, proof.hashes(), rootHash);
  }

  /**
   * Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} leaves
   * whose root is {@code rootHash}, using {@code proof} ordered leaf sibling first.
   *
   * @throws ProofVerificationException unless {@code 0 <= index < treeSize} and {@code proof} has
   *     exactly the length they imply
   * @throws RootMismatchException if the proof leads to another root
   */
  public static void verifyInclusion(
      long index, long treeSize, Hash leafHash, List<Hash> proof, Hash rootHash)
      throws ProofVerificationException {
    Hash calculated = rootFromInclusionProof(index, treeSize, leafHash, proof);
    if (!calculated.equals(rootHash)) {
      throw new RootMismatchException(rootHash, calculated);
    }
  }

  /**
   * Returns the root that an inclusion proof for {@code leafHash} at {@code index} leads to in a
   * tree of {@code treeSize} leaves (RFC 9162 §2.1.3.2 without the final comparison).
   *
   * @throws ProofVerificationException unless {@code 0 <= index < treeSize} and {@code proof} has
   *     exactly the length they imply
   */
  public static Hash rootFromInclusionProof(
      long index, long treeSize, Hash leafHash, List<Hash> proof)
      throws ProofVerificationException {
    if (index < 0 || index >= treeSize) {
      throw new ProofVerificationException(
          "index " + index + " out of bounds for tree size " + treeSize);
    }
    // inner: levels where the path and the tree's last leaf share a subtree; the proof hash is
    // left or right by the index bit. border: the left siblings above that, on the right edge.
    int inner = bitLength(index ^ (treeSize - 1));
    int border = Long.bitCount(index >>> inner);
    checkSize(proof, inner + border);
    Hash hash = leafHash;
    for (int i = 0; i < inner; i++) {
      hash =
          ((index >>> i) & 1) == 0
              ? Rfc6962.nodeHash(hash, proof.get(i))
              : Rfc6962.nodeHash(proof.get(i), hash);
    }
    for (int i = inner; i < proof.size(); i++) {
      hash = Rfc6962.nodeHash(proof.get(i), hash);
    }
    return hash;
  }

  /**
   * Verifies that the tree of {@code proof.size2()} leaves with root {@code root2} extends the tree
   * of {@code proof.size1()} leaves with root {@code root1}.
   *
   * @throws ProofVerificationException as {@link #verifyConsistency(long, long, Hash, Hash, List)}
   */
  public static void verifyConsistency(ConsistencyProof proof, Hash root1, Hash root2)
      throws ProofVerificationException {
    verifyConsistency(proof.size1(), proof.size2(), root1, root2, proof.hashes());
  }

  /**
   * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1} (RFC 9162 §2.1.4.2).
   *
   * <p>Equal sizes need an empty proof and equal roots. Size 0 needs an empty proof and the empty
   * root {@code SHA-256("")} as {@code root1}: every tree extends the empty tree.
   *
   * @throws ProofVerificationException unless {@code 0 <= size1 <= size2} and {@code proof} has
   *     exactly the length they imply
   * @throws RootMismatchException if the proof does not lead to {@code root1} and {@code root2}
   */
  public static void verifyConsistency(
      long size1, long size2, Hash root1, Hash root2, List<Hash> proof)
      throws ProofVerificationException {
    if (size1 < 0 || size2 < size1) {
      throw new ProofVerificationException(
          "size1 " + size1 + " and size2 " + size2 + " do not satisfy 0 <= size1 <= size2");
    }
    if (size1 == 0 || size1 == size2) {
      verifyWithoutProof(size1, size2, root1, root2, proof);
      return;
    }
    // The seed is the biggest perfect subtree ending at size1. Unless it is the whole old tree
    // (size1 a power of two), it is the first proof hash. The rest is its inclusion proof in size2.
    int level = Long.numberOfTrailingZeros(size1);
    long seedIndex = (size1 - 1) >>> level;
    int inner = bitLength(seedIndex ^ ((size2 - 1) >>> level));
    int border = Long.bitCount(seedIndex >>> inner);
    int start = seedIndex == 0 ? 0 : 1;
    checkSize(proof, start + inner + border);
    Hash seed = start == 0 ? root1 : proof.get(0);
    Hash hash1 = seed;
    Hash hash2 = seed;
    for (int i = 0; i < inner; i++) {
      Hash sibling = proof.get(start + i);
      if (((seedIndex >>> i) & 1) == 1) {
        // A left sibling belongs to both trees; a right one only to the new tree.
        hash1 = Rfc6962.nodeHash(sibling, hash1);
        hash2 = Rfc6962.nodeHash(sibling, hash2);
      } else {
        hash2 = Rfc6962.nodeHash(hash2, sibling);
      }
    }
    for (int i = start + inner; i < proof.size(); i++) {
      hash1 = Rfc6962.nodeHash(proof.get(i), hash1);
      hash2 = Rfc6962.nodeHash(proof.get(i), hash2);
    }
    checkMatch(root1, hash1);
    checkMatch(root2, hash2);
  }

  /** The cases that need no proof hashes: from the empty tree, or between equal sizes. */
  private static void verifyWithoutProof(
      long size1, long size2, Hash root1, Hash root2, List<Hash> proof)
      throws ProofVerificationException {
    checkSize(proof, 0);
    if (size1 == 0) {
      checkMatch(root1, Rfc6962.emptyRoot());
    }
    if (size1 == size2) {
      checkMatch(root2, root1);
    }
  }

  static int bitLength(long value) {
    return 64 - Long.numberOfLeadingZeros(value);
  }

  static void checkSize(List<Hash> proof, int want) throws ProofVerificationException {
    if (proof.size() != want) {
      throw new ProofVerificationException("wrong proof size " + proof.size() + ", want " + want);
    }
  }

  static void checkMatch(Hash expected, Hash calculated) throws RootMismatchException {
    if (!expected.equals(calculated)) {
      throw new RootMismatchException(expected, calculated);
    }
  }
}
