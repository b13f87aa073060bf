package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.Rfc6962;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The subtree verifier's messages and exception types, got/want style. */
class SubtreeProofVerifierTest {
  private final ReferenceTree tree = new ReferenceTree();

  private static String rejection(Executable verification) {
    return assertThrows(ProofVerificationException.class, verification).getMessage();
  }

  @Test
  void inclusionRejectsInvalidSubtreesAndIndicesBeforeHashing() {
    Hash leaf = tree.leafHash(3);
    Hash any = tree.rootHash(8);
    assertEquals(
        "subtree [3, 5) is not aligned: start 3 is not a multiple of 2, the smallest power of two"
            + " >= its size 2",
        rejection(() -> SubtreeProofVerifier.verifyInclusion(3, 3, 5, leaf, List.of(), any)));
    assertEquals(
        "subtree [2, 1) does not satisfy 0 <= start <= end",
        rejection(() -> SubtreeProofVerifier.verifyInclusion(0, 2, 1, leaf, List.of(), any)));
    assertEquals(
        "index 0 out of bounds for subtree [1, 2)",
        rejection(() -> SubtreeProofVerifier.verifyInclusion(0, 1, 2, leaf, List.of(), any)));
    assertEquals(
        "index 1 out of bounds for subtree [1, 1)",
        rejection(() -> SubtreeProofVerifier.verifyInclusion(1, 1, 1, leaf, List.of(), any)));
    // A uint64 end above 2^63 - 1, as a Java client reading it sees it: negative.
    assertEquals(
        "subtree [1, -9223372036854775806) does not satisfy 0 <= start <= end",
        rejection(
            () ->
                SubtreeProofVerifier.verifyInclusion(
                    1, 1, Long.parseUnsignedLong("9223372036854775810"), leaf, List.of(), any)));
  }

  @Test
  void inclusionNeedsExactlyTheProofLengthOfTheSubtree() {
    List<Hash> proof = tree.subtreeInclusionProof(10, 8, 13);
    assertEquals(3, proof.size());
    assertEquals(
        "wrong proof size 2, want 3",
        rejection(
            () ->
                SubtreeProofVerifier.verifyInclusion(
                    10, 8, 13, tree.leafHash(10), proof.subList(0, 2), tree.subtreeHash(8, 13))));
  }

  @Test
  void inclusionMismatchCarriesExpectedAndCalculatedSubtreeHashes() {
    Hash wrong = tree.subtreeHash(8, 12);
    RootMismatchException e =
        assertThrows(
            RootMismatchException.class,
            () ->
                SubtreeProofVerifier.verifyInclusion(
                    10, 8, 13, tree.leafHash(10), tree.subtreeInclusionProof(10, 8, 13), wrong));
    assertEquals(wrong, e.expected());
    assertEquals(tree.subtreeHash(8, 13), e.calculated());
  }

  @Test
  void consistencyRejectsBadNumbersBeforeHashing() {
    Hash sub = tree.subtreeHash(8, 13);
    Hash root = tree.rootHash(14);
    assertEquals(
        "subtree [8, 13) ends beyond tree size 12",
        rejection(() -> SubtreeProofVerifier.verifyConsistency(8, 13, 12, sub, root, List.of())));
    assertEquals(
        "subtree [2, 5) is not aligned: start 2 is not a multiple of 4, the smallest power of two"
            + " >= its size 3",
        rejection(() -> SubtreeProofVerifier.verifyConsistency(2, 5, 8, sub, root, List.of())));
    assertEquals(
        "wrong proof size 3, want 4",
        rejection(
            () ->
                SubtreeProofVerifier.verifyConsistency(
                    8, 13, 14, sub, root, tree.subtreeConsistencyProof(8, 13, 14).subList(0, 3))));
    assertEquals(
        "wrong proof size 1, want 0",
        rejection(
            () -> SubtreeProofVerifier.verifyConsistency(0, 14, 14, root, root, List.of(root))));
  }

  @Test
  void consistencyChecksBothTheSubtreeHashAndTheRoot() throws Exception {
    List<Hash> proof = tree.subtreeConsistencyProof(8, 13, 14);
    Hash sub = tree.subtreeHash(8, 13);
    Hash root = tree.rootHash(14);
    SubtreeProofVerifier.verifyConsistency(8, 13, 14, sub, root, proof);
    Hash other = tree.subtreeHash(8, 12);
    RootMismatchException subMismatch =
        assertThrows(
            RootMismatchException.class,
            () -> SubtreeProofVerifier.verifyConsistency(8, 13, 14, other, root, proof));
    assertEquals(other, subMismatch.expected());
    assertEquals(sub, subMismatch.calculated());
    RootMismatchException rootMismatch =
        assertThrows(
            RootMismatchException.class,
            () -> SubtreeProofVerifier.verifyConsistency(8, 13, 14, sub, other, proof));
    assertEquals(root, rootMismatch.calculated());
  }

  @Test
  void anEmptySubtreeNeedsTheEmptyRootAndNoProofButSaysNothingOfTheTree() throws Exception {
    Hash empty = Rfc6962.emptyRoot();
    Hash root = tree.rootHash(5);
    SubtreeProofVerifier.verifyConsistency(3, 3, 5, empty, root, List.of());
    SubtreeProofVerifier.verifyConsistency(3, 3, 5, empty, tree.leafHash(0), List.of());
    assertEquals(
        "subtree [6, 6) ends beyond tree size 5",
        rejection(() -> SubtreeProofVerifier.verifyConsistency(6, 6, 5, empty, root, List.of())));
    assertEquals(
        "wrong proof size 1, want 0",
        rejection(
            () -> SubtreeProofVerifier.verifyConsistency(3, 3, 5, empty, root, List.of(root))));
    assertThrows(
        RootMismatchException.class,
        () -> SubtreeProofVerifier.verifyConsistency(3, 3, 5, root, root, List.of()));
  }
}
