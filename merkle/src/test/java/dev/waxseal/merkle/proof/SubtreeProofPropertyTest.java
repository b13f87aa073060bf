package dev.waxseal.merkle.proof;

import static dev.waxseal.merkle.proof.ProofPropertyTest.build;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Subtree proofs against {@link ReferenceTree}: plans filled from the reference equal the draft's
 * recursive PATH over {@code D[start:end]} and SUBTREE_PROOF, verify, and stop verifying after any
 * mutation. Every valid subtree of every tree up to size 64 (inclusion: every entry of every valid
 * subtree ending at or before 80), then seeded random subtrees of trees up to {@code 2^40}.
 */
class SubtreeProofPropertyTest {
  private static final long SEED = Long.getLong("merkle.seed", System.nanoTime());
  private static final Hash WRONG =
      Hash.of(Rfc6962.sha256("not a hash in the tree".getBytes(StandardCharsets.UTF_8)));

  private final ReferenceTree tree = new ReferenceTree();
  private final Random random = new Random(SEED);

  @Test
  void everySubtreeInclusionProofUpToEnd80VerifiesAndEveryMutationFails() throws Exception {
    int proofs = 0;
    for (long end = 1; end <= 80; end++) {
      for (long start = 0; start < end; start++) {
        if (Subtree.invalidReason(start, end).isPresent()) {
          continue;
        }
        for (long index = start; index < end; index++) {
          checkInclusion(index, start, end, end <= 16);
          proofs++;
        }
      }
    }
    System.out.printf("subtree inclusion: %d proofs for end <= 80 checked%n", proofs);
  }

  @Test
  void everySubtreeConsistencyProofUpToSize64VerifiesAndEveryMutationFails() throws Exception {
    int proofs = 0;
    for (long size = 0; size <= 64; size++) {
      for (long end = 0; end <= size; end++) {
        for (long start = 0; start <= end; start++) {
          if (Subtree.invalidReason(start, end).isEmpty()) {
            checkConsistency(start, end, size, size <= 16);
            proofs++;
          }
        }
      }
    }
    System.out.printf("subtree consistency: %d proofs for size <= 64 checked%n", proofs);
  }

  @Test
  void subtreeProofsForRandomSubtreesOfTreesUpTo2Pow40() throws Exception {
    for (int i = 0; i < 400; i++) {
      long size = 1 + (random.nextLong() >>> 24); // up to 2^40
      // Every fourth subtree ends at the tree's right edge, a case of its own in the proof.
      Subtree subtree =
          randomSubtree(i % 4 == 0 ? size : 1 + Math.floorMod(random.nextLong(), size));
      checkConsistency(subtree.start(), subtree.end(), size, false);
      long index = subtree.start() + Math.floorMod(random.nextLong(), subtree.size());
      checkInclusion(index, subtree.start(), subtree.end(), false);
    }
  }

  /** A random subtree ending at {@code end}: aligned to a random power of two {@code 2^c}. */
  private Subtree randomSubtree(long end) {
    int c = random.nextInt(65 - Long.numberOfLeadingZeros(end));
    long start = ((end - 1) >>> c) << c; // a multiple of 2^c, and end - start <= 2^c
    return new Subtree(start, end);
  }

  private void checkInclusion(long index, long start, long end, boolean everyBit) throws Exception {
    Supplier<String> where =
        () -> "index " + index + " subtree [" + start + ", " + end + ") seed " + SEED;
    ProofNodes plan = ProofNodes.subtreeInclusion(index, start, end);
    for (NodeId id : plan.ids()) {
      assertTrue(id.begin() >= start && id.end() <= end, () -> id + " outside: " + where.get());
    }
    List<Hash> proof = build(plan, tree);
    assertEquals(tree.subtreeInclusionProof(index, start, end), proof, where);
    Hash leaf = tree.leafHash(index);
    Hash subtreeHash = tree.subtreeHash(start, end);
    SubtreeProofVerifier.verifyInclusion(
        new SubtreeInclusionProof(index, new Subtree(start, end), proof), leaf, subtreeHash);
    assertEquals(
        subtreeHash,
        SubtreeProofVerifier.subtreeHashFromInclusionProof(index, start, end, leaf, proof),
        where);

    List<Executable> bad = new ArrayList<>();
    for (List<Hash> flipped : bitFlips(proof, everyBit)) {
      bad.add(
          () ->
              SubtreeProofVerifier.verifyInclusion(index, start, end, leaf, flipped, subtreeHash));
    }
    for (long other : new long[] {index - 1, index + 1, index ^ 2}) {
      bad.add(
          () -> SubtreeProofVerifier.verifyInclusion(other, start, end, leaf, proof, subtreeHash));
    }
    bad.add(
        () -> SubtreeProofVerifier.verifyInclusion(index, start, end, WRONG, proof, subtreeHash));
    bad.add(() -> SubtreeProofVerifier.verifyInclusion(index, start, end, leaf, proof, WRONG));
    bad.add(
        () ->
            SubtreeProofVerifier.verifyInclusion(
                index, start, end, leaf, append(proof, leaf), subtreeHash));
    if (!proof.isEmpty()) {
      bad.add(
          () ->
              SubtreeProofVerifier.verifyInclusion(
                  index, start, end, leaf, dropLast(proof), subtreeHash));
    }
    // Not [start, end ± 1): the same proof can verify there (for [0, 3) and [0, 4), the last
    // hash stands for entry 2 or for node [2, 4)); the verifier is not told which.
    assertAllRejected(bad, where);
  }

  private void checkConsistency(long start, long end, long size, boolean everyBit)
      throws Exception {
    Supplier<String> where =
        () -> "subtree [" + start + ", " + end + ") size " + size + " seed " + SEED;
    ProofNodes plan = ProofNodes.subtreeConsistency(start, end, size);
    for (NodeId id : plan.ids()) {
      assertTrue(id.end() <= size, () -> id + " is not a perfect subtree: " + where.get());
    }
    List<Hash> proof = build(plan, tree);
    assertEquals(tree.subtreeConsistencyProof(start, end, size), proof, where);
    // The draft's two special cases: from 0 it is RFC 9162's PROOF, for one entry its PATH.
    if (start == 0 && end > 0) {
      assertEquals(ProofNodes.consistency(end, size).ids(), plan.ids(), where);
    }
    if (end == start + 1) {
      assertEquals(tree.inclusionProof(start, size), proof, where);
    }
    Hash subtreeHash = tree.subtreeHash(start, end);
    Hash root = tree.rootHash(size);
    SubtreeProofVerifier.verifyConsistency(
        new SubtreeConsistencyProof(new Subtree(start, end), size, proof), subtreeHash, root);

    List<Executable> bad = new ArrayList<>();
    if (start == end) {
      // An empty subtree proves nothing about the tree: only its proof and hash are checked.
      bad.add(() -> SubtreeProofVerifier.verifyConsistency(start, end, size, WRONG, root, proof));
      bad.add(
          () ->
              SubtreeProofVerifier.verifyConsistency(
                  start, end, size, subtreeHash, root, List.of(root)));
      bad.add(
          () ->
              SubtreeProofVerifier.verifyConsistency(
                  start, end, end - 1, subtreeHash, root, proof));
      assertAllRejected(bad, where);
      return;
    }
    for (List<Hash> flipped : bitFlips(proof, everyBit)) {
      bad.add(
          () ->
              SubtreeProofVerifier.verifyConsistency(start, end, size, subtreeHash, root, flipped));
    }
    bad.add(() -> SubtreeProofVerifier.verifyConsistency(start, end, size, WRONG, root, proof));
    bad.add(
        () -> SubtreeProofVerifier.verifyConsistency(start, end, size, subtreeHash, WRONG, proof));
    bad.add(
        () ->
            SubtreeProofVerifier.verifyConsistency(
                start, end, size, subtreeHash, root, append(proof, root)));
    if (!proof.isEmpty()) {
      bad.add(
          () ->
              SubtreeProofVerifier.verifyConsistency(
                  start, end, size, subtreeHash, root, dropLast(proof)));
    }
    if (!subtreeHash.equals(root)) {
      bad.add(
          () -> SubtreeProofVerifier.verifyConsistency(start, end, size, root, subtreeHash, proof));
    }
    bad.add(
        () ->
            SubtreeProofVerifier.verifyConsistency(start, end, end - 1, subtreeHash, root, proof));
    assertAllRejected(bad, where);
  }

  private List<List<Hash>> bitFlips(List<Hash> proof, boolean everyBit) {
    List<List<Hash>> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      if (everyBit) {
        for (int bit = 0; bit < Hash.SIZE * 8; bit += 7) {
          out.add(ProofPropertyTest.flip(proof, i, bit));
        }
      } else {
        out.add(ProofPropertyTest.flip(proof, i, random.nextInt(Hash.SIZE * 8)));
      }
    }
    return out;
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
