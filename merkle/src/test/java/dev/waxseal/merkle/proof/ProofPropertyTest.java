package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Fast code against {@link ReferenceTree}: proofs planned by {@link ProofNodes} and filled from the
 * reference equal RFC 6962's PATH and PROOF, verify, and stop verifying after any mutation.
 */
class ProofPropertyTest {
  private static final long SEED = Long.getLong("merkle.seed", System.nanoTime());

  private final ReferenceTree tree = new ReferenceTree();
  private final Random random = new Random(SEED);

  /** Fills a plan from the reference tree: fetch each perfect subtree, then rehash. */
  static List<Hash> build(ProofNodes plan, ReferenceTree tree) {
    List<Hash> hashes = plan.ids().stream().map(tree::nodeHash).toList();
    return plan.rehash(hashes, Rfc6962::nodeHash);
  }

  @Test
  void everyInclusionProofUpToSize300VerifiesAndEveryMutationFails() throws Exception {
    for (long size = 1; size <= 300; size++) {
      for (long index = 0; index < size; index++) {
        // Every proof is built and verified; mutations for all indices up to size 64, then for a
        // sample (every 7th and the last), to keep the suite fast.
        boolean mutate = size <= 64 || index % 7 == 0 || index == size - 1;
        checkInclusion(index, size, size <= 16, mutate);
      }
    }
  }

  @Test
  void inclusionProofsForRandomSizesUpTo2Pow40() throws Exception {
    for (int i = 0; i < 300; i++) {
      long size = 1 + (random.nextLong() >>> 24); // up to 2^40
      long index = Math.floorMod(random.nextLong(), size);
      checkInclusion(index, size, false, true);
      checkInclusion(size - 1, size, false, true);
    }
  }

  @Test
  void everyConsistencyProofUpToSize130VerifiesAndEveryMutationFails() throws Exception {
    for (long size2 = 1; size2 <= 130; size2++) {
      for (long size1 = 1; size1 <= size2; size1++) {
        checkConsistency(size1, size2, size2 <= 16);
      }
    }
  }

  @Test
  void consistencyProofsForRandomSizesUpTo2Pow40() throws Exception {
    for (int i = 0; i < 300; i++) {
      long size2 = 1 + (random.nextLong() >>> 24);
      long size1 = 1 + Math.floorMod(random.nextLong(), size2);
      checkConsistency(size1, size2, false);
    }
  }

  @Test
  void consistencyFromTheEmptyTreeNeedsEmptyProofAndEmptyRoot() throws Exception {
    Hash root = tree.rootHash(5);
    ProofVerifier.verifyConsistency(0, 5, Rfc6962.emptyRoot(), root, List.of());
    ProofVerifier.verifyConsistency(0, 0, Rfc6962.emptyRoot(), Rfc6962.emptyRoot(), List.of());
    assertEquals(List.of(), ProofNodes.consistency(0, 5).ids());
    assertThrows(
        RootMismatchException.class,
        () -> ProofVerifier.verifyConsistency(0, 5, root, root, List.of()));
    assertThrows(
        ProofVerificationException.class,
        () -> ProofVerifier.verifyConsistency(0, 5, Rfc6962.emptyRoot(), root, List.of(root)));
  }

  private void checkInclusion(long index, long size, boolean everyBit, boolean mutate)
      throws Exception {
    List<Hash> proof = build(perfectSubtreesOf(ProofNodes.inclusion(index, size), size), tree);
    Supplier<String> where = () -> "index " + index + " size " + size + " seed " + SEED;
    assertEquals(tree.inclusionProof(index, size), proof, where);
    Hash leaf = tree.leafHash(index);
    Hash root = tree.rootHash(size);
    ProofVerifier.verifyInclusion(new InclusionProof(index, size, proof), leaf, root);
    if (!mutate) {
      return;
    }
    List<Executable> bad = new ArrayList<>();
    for (List<Hash> flipped : bitFlips(proof, everyBit)) {
      bad.add(() -> ProofVerifier.verifyInclusion(index, size, leaf, flipped, root));
    }
    for (long otherIndex : new long[] {index - 1, index + 1, index ^ 2}) {
      bad.add(() -> ProofVerifier.verifyInclusion(otherIndex, size, leaf, proof, root));
    }
    bad.add(() -> ProofVerifier.verifyInclusion(index, size * 2, leaf, proof, root));
    bad.add(() -> ProofVerifier.verifyInclusion(index, size / 2, leaf, proof, root));
    if (size > 1) { // in a one-leaf tree the leaf hash is the root
      bad.add(() -> ProofVerifier.verifyInclusion(index, size, root, proof, root));
      bad.add(() -> ProofVerifier.verifyInclusion(index, size, leaf, proof, leaf));
    }
    bad.add(() -> ProofVerifier.verifyInclusion(index, size, leaf, append(proof, root), root));
    if (!proof.isEmpty()) {
      bad.add(() -> ProofVerifier.verifyInclusion(index, size, leaf, dropLast(proof), root));
    }
    assertAllRejected(bad, where);
  }

  private void checkConsistency(long size1, long size2, boolean everyBit) throws Exception {
    List<Hash> proof = build(perfectSubtreesOf(ProofNodes.consistency(size1, size2), size2), tree);
    Supplier<String> where = () -> "size1 " + size1 + " size2 " + size2 + " seed " + SEED;
    assertEquals(tree.consistencyProof(size1, size2), proof, where);
    Hash root1 = tree.rootHash(size1);
    Hash root2 = tree.rootHash(size2);
    ProofVerifier.verifyConsistency(new ConsistencyProof(size1, size2, proof), root1, root2);

    List<Executable> bad = new ArrayList<>();
    for (List<Hash> flipped : bitFlips(proof, everyBit)) {
      bad.add(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, flipped));
    }
    Hash wrong = tree.leafHash(size1);
    bad.add(() -> ProofVerifier.verifyConsistency(size1, size2, wrong, root2, proof));
    bad.add(() -> ProofVerifier.verifyConsistency(size1, size2, root1, wrong, proof));
    bad.add(
        () -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, append(proof, root1)));
    if (size1 != size2) {
      bad.add(() -> ProofVerifier.verifyConsistency(size1, size2, root2, root1, proof));
      bad.add(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, dropLast(proof)));
      bad.add(() -> ProofVerifier.verifyConsistency(size1, size2 * 2, root1, root2, proof));
      bad.add(() -> ProofVerifier.verifyConsistency(size2, size1, root2, root1, proof));
    }
    assertAllRejected(bad, where);
  }

  /** Storage can only read perfect subtrees: every planned id must be one in the tree. */
  private static ProofNodes perfectSubtreesOf(ProofNodes plan, long size) {
    for (NodeId id : plan.ids()) {
      assertTrue(id.end() <= size, () -> id + " is not a perfect subtree of size " + size);
    }
    return plan;
  }

  private List<List<Hash>> bitFlips(List<Hash> proof, boolean everyBit) {
    List<List<Hash>> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      if (everyBit) {
        for (int bit = 0; bit < Hash.SIZE * 8; bit++) {
          out.add(flip(proof, i, bit));
        }
      } else {
        out.add(flip(proof, i, random.nextInt(Hash.SIZE * 8)));
      }
    }
    return out;
  }

  static List<Hash> flip(List<Hash> proof, int i, int bit) {
    byte[] bytes = proof.get(i).bytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    List<Hash> copy = new ArrayList<>(proof);
    copy.set(i, Hash.of(bytes));
    return copy;
  }

  private static List<Hash> append(List<Hash> proof, Hash extra) {
    List<Hash> copy = new ArrayList<>(proof);
    copy.add(extra);
    return copy;
  }

  private static List<Hash> dropLast(List<Hash> proof) {
    return proof.subList(0, proof.size() - 1);
  }

  private static void assertAllRejected(List<Executable> bad, Supplier<String> where) {
    for (int i = 0; i < bad.size(); i++) {
      int n = i;
      assertThrows(
          ProofVerificationException.class,
          bad.get(i),
          () -> "mutation " + n + " verified: " + where.get());
    }
  }
}
