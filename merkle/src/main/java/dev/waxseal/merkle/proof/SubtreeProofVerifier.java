package dev.waxseal.merkle.proof;

import static dev.waxseal.merkle.proof.ProofVerifier.bitLength;
import static dev.waxseal.merkle.proof.ProofVerifier.checkMatch;
import static dev.waxseal.merkle.proof.ProofVerifier.checkSize;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.List;
import java.util.Optional;

/**
 * Verifies subtree inclusion and subtree consistency proofs (draft-ietf-plants-merkle-tree-certs
 * §4.3.2–4.3.3 and §4.4.3), as strictly as {@link ProofVerifier}: the subtree must be valid, the
 * numbers in range, and the proof exactly as long as they imply, all before any hashing. Failures
 * throw {@link ProofVerificationException} or {@link RootMismatchException}.
 */
public final class SubtreeProofVerifier {
  private SubtreeProofVerifier() {}

  /**
   * Verifies that {@code leafHash} is entry {@code proof.index()} of the subtree whose hash is
   * {@code subtreeHash}.
   *
   * @throws ProofVerificationException as {@link #verifyInclusion(long, long, long, Hash, List,
   *     Hash)}
   */
  public static void verifyInclusion(SubtreeInclusionProof proof, Hash leafHash, Hash subtreeHash)
      throws ProofVerificationException {
    Subtree subtree = proof.subtree();
    verifyInclusion(
        proof.index(), subtree.start(), subtree.end(), leafHash, proof.hashes(), subtreeHash);
  }

  /**
   * Verifies that {@code leafHash} is entry {@code index} of the subtree {@code [start, end)} whose
   * hash is {@code subtreeHash} (draft §4.3.3).
   *
   * @throws ProofVerificationException unless {@code [start, end)} is a subtree, {@code start <=
   *     index < end}, and {@code proof} has exactly the length they imply
   * @throws RootMismatchException if the proof leads to another subtree hash
   */
  public static void verifyInclusion(
      long index, long start, long end, Hash leafHash, List<Hash> proof, Hash subtreeHash)
      throws ProofVerificationException {
    checkMatch(subtreeHash, subtreeHashFromInclusionProof(index, start, end, leafHash, proof));
  }

  /**
   * Evaluates a subtree inclusion proof: returns the subtree hash that {@code leafHash} at {@code
   * index} and {@code proof} lead to (draft §4.3.2). This is RFC 9162 §2.1.3.2 for entry {@code
   * index - start} of a tree of {@code end - start} entries.
   *
   * @throws ProofVerificationException unless {@code [start, end)} is a subtree, {@code start <=
   *     index < end}, and {@code proof} has exactly the length they imply
   */
  public static Hash subtreeHashFromInclusionProof(
      long index, long start, long end, Hash leafHash, List<Hash> proof)
      throws ProofVerificationException {
    checkSubtree(start, end);
    if (index < start || index >= end) {
      throw new ProofVerificationException(
          "index " + index + " out of bounds for subtree [" + start + ", " + end + ")");
    }
    return ProofVerifier.rootFromInclusionProof(index - start, end - start, leafHash, proof);
  }

  /**
   * Verifies that the subtree {@code proof.subtree()} with hash {@code subtreeHash} is part of the
   * tree of {@code proof.treeSize()} entries with root {@code rootHash}.
   *
   * @throws ProofVerificationException as {@link #verifyConsistency(long, long, long, Hash, Hash,
   *     List)}
   */
  public static void verifyConsistency(
      SubtreeConsistencyProof proof, Hash subtreeHash, Hash rootHash)
      throws ProofVerificationException {
    Subtree subtree = proof.subtree();
    verifyConsistency(
        subtree.start(), subtree.end(), proof.treeSize(), subtreeHash, rootHash, proof.hashes());
  }

  /**
   * Verifies that the subtree {@code [start, end)} with hash {@code subtreeHash} is part of the
   * tree of {@code treeSize} entries with root {@code rootHash}: the proof rebuilds both hashes,
   * every entry of the subtree feeding both (draft §4.4.3).
   *
   * <p>An empty subtree ({@code start == end <= treeSize}) needs an empty proof and the empty root
   * {@code SHA-256("")} as {@code subtreeHash}; it says nothing about the tree, so {@code rootHash}
   * is not checked (draft §4.4.3 step 2).
   *
   * @throws ProofVerificationException unless {@code [start, end)} is a subtree, {@code end <=
   *     treeSize}, and {@code proof} has exactly the length they imply
   * @throws RootMismatchException if the proof does not lead to {@code subtreeHash} and {@code
   *     rootHash}
   */
  public static void verifyConsistency(
      long start, long end, long treeSize, Hash subtreeHash, Hash rootHash, List<Hash> proof)
      throws ProofVerificationException {
    checkSubtree(start, end);
    if (end > treeSize) {
      throw new ProofVerificationException(
          "subtree [" + start + ", " + end + ") ends beyond tree size " + treeSize);
    }
    if (start == end) {
      checkSize(proof, 0);
      checkMatch(subtreeHash, Rfc6962.emptyRoot());
      return;
    }
    // fn, sn, tn: the nodes over the subtree's first and last entries and the tree's last entry,
    // one level up per shift. Climb to the seed: the subtree's root if it is on the tree's right
    // edge (sn == tn) or perfect (fn meets sn), else the biggest perfect subtree ending at end.
    long fn = start;
    long sn = end - 1;
    long tn = treeSize - 1;
    boolean rightEdge = sn == tn;
    while (fn != sn && (rightEdge || (sn & 1) == 1)) {
      fn >>>= 1;
      sn >>>= 1;
      tn >>>= 1;
    }
    // inner: levels below the fork with the right edge, one sibling each, left or right by sn's
    // bit. border: left siblings above it, one per set bit of sn.
    int inner = bitLength(sn ^ tn);
    int border = Long.bitCount(sn >>> inner);
    int seeds = fn == sn ? 0 : 1;
    checkSize(proof, seeds + inner + border);
    Hash seed = seeds == 0 ? subtreeHash : proof.get(0);
    Hash subtree = seed;
    Hash root = seed;
    int p = seeds;
    for (int i = 0; i < inner; i++, p++) {
      Hash sibling = proof.get(p);
      if ((sn & 1) == 1) {
        // A left sibling is in the subtree too until the climb has covered the whole subtree.
        if (fn < sn) {
          subtree = Rfc6962.nodeHash(sibling, subtree);
        }
        root = Rfc6962.nodeHash(sibling, root);
      } else {
        // A right sibling lies beyond end: it belongs to the tree only.
        root = Rfc6962.nodeHash(root, sibling);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    for (; p < proof.size(); p++) {
      // On the right edge, a left child has no sibling in the tree: skip to the next right child.
      while ((sn & 1) == 0) {
        fn >>>= 1;
        sn >>>= 1;
      }
      Hash sibling = proof.get(p);
      if (fn < sn) {
        subtree = Rfc6962.nodeHash(sibling, subtree);
      }
      root = Rfc6962.nodeHash(sibling, root);
      fn >>>= 1;
      sn >>>= 1;
    }
    checkMatch(subtreeHash, subtree);
    checkMatch(rootHash, root);
  }

  private static void checkSubtree(long start, long end) throws ProofVerificationException {
    Optional<String> invalid = Subtree.invalidReason(start, end);
    if (invalid.isPresent()) {
      throw new ProofVerificationException(invalid.get());
    }
  }
}
