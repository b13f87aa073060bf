package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.ReferenceTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's messages and exception types: got/want numbers, expected and calculated roots. */
class ProofVerifierTest {
  private final ReferenceTree tree = new ReferenceTree();

  @Test
  void rejectsProofOneHashShortWithGotAndWant() {
    List<Hash> proof = tree.inclusionProof(3, 12);
    ProofVerificationException e =
        assertThrows(
            ProofVerificationException.class,
            () ->
                ProofVerifier.verifyInclusion(
                    3, 12, tree.leafHash(3), proof.subList(0, 3), tree.rootHash(12)));
    assertEquals("wrong proof size 3, want 4", e.getMessage());
  }

  @Test
  void rejectsIndexOutOfBounds() {
    ProofVerificationException e =
        assertThrows(
            ProofVerificationException.class,
            () ->
                ProofVerifier.verifyInclusion(7, 7, tree.leafHash(7), List.of(), tree.rootHash(7)));
    assertEquals("index 7 out of bounds for tree size 7", e.getMessage());
  }

  @Test
  void rootMismatchCarriesExpectedAndCalculatedRoots() {
    Hash wrongRoot = tree.rootHash(11);
    RootMismatchException e =
        assertThrows(
            RootMismatchException.class,
            () ->
                ProofVerifier.verifyInclusion(
                    3, 12, tree.leafHash(3), tree.inclusionProof(3, 12), wrongRoot));
    assertEquals(wrongRoot, e.expected());
    assertEquals(tree.rootHash(12), e.calculated());
    assertEquals(
        "calculated root "
            + tree.rootHash(12).hex()
            + " does not match expected root "
            + wrongRoot.hex(),
        e.getMessage());
  }

  @Test
  void rootFromInclusionProofReturnsTheRoot() throws Exception {
    assertEquals(
        tree.rootHash(300),
        ProofVerifier.rootFromInclusionProof(
            123, 300, tree.leafHash(123), tree.inclusionProof(123, 300)));
  }

  @Test
  void rejectsBackwardsSizes() {
    Hash root = tree.rootHash(2);
    ProofVerificationException e =
        assertThrows(
            ProofVerificationException.class,
            () -> ProofVerifier.verifyConsistency(2, 1, root, root, List.of()));
    assertEquals("size1 2 and size2 1 do not satisfy 0 <= size1 <= size2", e.getMessage());
  }

  @Test
  void equalSizesNeedEmptyProofAndEqualRoots() throws Exception {
    Hash root = tree.rootHash(5);
    ProofVerifier.verifyConsistency(5, 5, root, root, List.of());
    ProofVerificationException e =
        assertThrows(
            ProofVerificationException.class,
            () -> ProofVerifier.verifyConsistency(5, 5, root, root, List.of(root)));
    assertEquals("wrong proof size 1, want 0", e.getMessage());
    assertThrows(
        RootMismatchException.class,
        () -> ProofVerifier.verifyConsistency(5, 5, root, tree.rootHash(4), List.of()));
  }

  @Test
  void recordsRejectBadNumbers() {
    assertEquals(
        "index 3 out of bounds for tree size 3",
        assertThrows(IllegalArgumentException.class, () -> new InclusionProof(3, 3, List.of()))
            .getMessage());
    assertEquals(
        "size1 4 and size2 3 do not satisfy 0 <= size1 <= size2",
        assertThrows(IllegalArgumentException.class, () -> new ConsistencyProof(4, 3, List.of()))
            .getMessage());
  }
}
