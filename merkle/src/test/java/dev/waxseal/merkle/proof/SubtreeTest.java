package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.NodeId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Subtree validity, covering, and proof plans for the examples drawn in
 * draft-ietf-plants-merkle-tree-certs §4 (trees of size 13 and 14):
 *
 * <pre>
 *                          [0, 14)
 *                 /                    \
 *            [0, 8)                    [8, 14)
 *           /      \                  /       \
 *       [0, 4)    [4, 8)          [8, 12)    [12, 14)
 *       /   \     /   \           /    \       /   \
 *     0-1  2-3  4-5  6-7       8-9  10-11    12    13
 * </pre>
 */
class SubtreeTest {
  private static NodeId id(int level, long index) {
    return new NodeId(level, index);
  }

  @Test
  void acceptsAlignedIntervalsOnly() {
    assertTrue(Subtree.invalidReason(4, 8).isEmpty());
    assertTrue(Subtree.invalidReason(8, 13).isEmpty()); // BIT_CEIL(5) = 8 divides 8
    assertTrue(Subtree.invalidReason(0, 13).isEmpty());
    assertTrue(Subtree.invalidReason(7, 7).isEmpty());
    assertTrue(Subtree.invalidReason(7, 8).isEmpty());
    assertEquals(
        Optional.of(
            "subtree [5, 8) is not aligned: start 5 is not a multiple of 4, the smallest power of"
                + " two >= its size 3"),
        Subtree.invalidReason(5, 8));
    assertEquals(
        Optional.of("subtree [2, 1) does not satisfy 0 <= start <= end"),
        Subtree.invalidReason(2, 1));
    assertEquals(
        Optional.of("subtree [-1, 1) does not satisfy 0 <= start <= end"),
        Subtree.invalidReason(-1, 1));
    assertEquals(
        "subtree [3, 5) is not aligned: start 3 is not a multiple of 2, the smallest power of two"
            + " >= its size 2",
        assertThrows(IllegalArgumentException.class, () -> new Subtree(3, 5)).getMessage());
  }

  @Test
  void sizesAbove2Pow62NeedStartZero() {
    long big = (1L << 62) + 1; // BIT_CEIL is 2^63, beyond long
    assertTrue(Subtree.invalidReason(0, big).isEmpty());
    assertTrue(Subtree.invalidReason(0, Long.MAX_VALUE).isEmpty());
    assertEquals(
        Optional.of(
            "subtree [1, "
                + (big + 1)
                + ") is not aligned: start 1 is not a multiple of 2^63, the smallest power of two"
                + " >= its size "
                + big),
        Subtree.invalidReason(1, big + 1));
    assertTrue(Subtree.invalidReason(1L << 62, Long.MAX_VALUE).isEmpty()); // size 2^62 - 1
    assertTrue(Subtree.invalidReason(1L << 61, Long.MAX_VALUE).isPresent());
  }

  @Test
  void knowsItsShape() {
    assertTrue(new Subtree(4, 8).isPerfect());
    assertFalse(new Subtree(8, 13).isPerfect());
    assertFalse(new Subtree(3, 3).isPerfect());
    assertEquals(5, new Subtree(8, 13).size());
    assertTrue(new Subtree(8, 13).contains(12));
    assertFalse(new Subtree(8, 13).contains(13));
  }

  @Test
  void coversIntervalsWithTwoSubtrees() {
    // The draft's example: [5, 13) is covered by [4, 8) and [8, 13).
    assertEquals(
        new Subtree.Covering(new Subtree(4, 8), new Subtree(8, 13)), Subtree.Covering.of(5, 13));
    // [7, 9) would need the whole tree [0, 9) as one subtree; two are [7, 8) and [8, 9).
    assertEquals(
        new Subtree.Covering(new Subtree(7, 8), new Subtree(8, 9)), Subtree.Covering.of(7, 9));
    assertEquals(
        new Subtree.Covering(new Subtree(6, 7), new Subtree(7, 7)), Subtree.Covering.of(6, 7));
    assertEquals(
        new Subtree.Covering(new Subtree(3, 3), new Subtree(3, 3)), Subtree.Covering.of(3, 3));
    assertEquals(
        "interval [4, 3) does not satisfy 0 <= start <= end",
        assertThrows(IllegalArgumentException.class, () -> Subtree.Covering.of(4, 3)).getMessage());
  }

  @Test
  void coveringHasTheDraftsPropertiesForEveryIntervalUpTo300() {
    for (long end = 0; end <= 300; end++) {
      for (long start = 0; start <= end; start++) {
        Subtree.Covering c = Subtree.Covering.of(start, end);
        String where = "[" + start + ", " + end + ")";
        assertEquals(c.left().end(), c.right().start(), where);
        assertTrue(c.left().start() <= start, where);
        assertEquals(end, c.right().end(), where);
        if (end > start) {
          assertTrue(start - c.left().start() < c.left().end() - start, where);
        }
      }
    }
  }

  @Test
  void plansTheDraftsExampleProofs() {
    // Inclusion of entry 10 in [8, 13): d[11], [8, 10), d[12].
    assertEquals(
        List.of(id(0, 11), id(1, 4), id(0, 12)), ProofNodes.subtreeInclusion(10, 8, 13).ids());
    // [4, 8) in 14: the subtree is a node; proof [0, 4) and [8, 14) = H([8, 12), [12, 14)).
    ProofNodes perfect = ProofNodes.subtreeConsistency(4, 8, 14);
    assertEquals(List.of(id(2, 0), id(1, 6), id(2, 2)), perfect.ids());
    assertEquals(1, perfect.begin());
    assertEquals(3, perfect.end());
    // [8, 13) in 14: d[12], d[13], [8, 12), [0, 8).
    assertEquals(
        List.of(id(0, 12), id(0, 13), id(2, 2), id(3, 0)),
        ProofNodes.subtreeConsistency(8, 13, 14).ids());
    // [8, 13) in 13 ends at the right edge: only its left sibling [0, 8).
    assertEquals(List.of(id(3, 0)), ProofNodes.subtreeConsistency(8, 13, 13).ids());
    assertEquals(List.of(), ProofNodes.subtreeConsistency(0, 13, 13).ids());
    assertEquals(List.of(), ProofNodes.subtreeConsistency(5, 5, 13).ids());
  }

  @Test
  void plansRejectBadArguments() {
    assertEquals(
        "index 13 out of bounds for subtree [8, 13)",
        assertThrows(IllegalArgumentException.class, () -> ProofNodes.subtreeInclusion(13, 8, 13))
            .getMessage());
    assertEquals(
        "subtree [8, 13) ends beyond tree size 12",
        assertThrows(IllegalArgumentException.class, () -> ProofNodes.subtreeConsistency(8, 13, 12))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProofNodes.subtreeConsistency(5, 8, 13));
    assertThrows(IllegalArgumentException.class, () -> ProofNodes.subtreeInclusion(5, 5, 8));
  }

  @Test
  void recordsRejectBadNumbers() {
    assertEquals(
        "index 3 out of bounds for subtree [4, 8)",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubtreeInclusionProof(3, new Subtree(4, 8), List.of()))
            .getMessage());
    assertEquals(
        "subtree [4, 8) ends beyond tree size 7",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubtreeConsistencyProof(new Subtree(4, 8), 7, List.of()))
            .getMessage());
  }
}
