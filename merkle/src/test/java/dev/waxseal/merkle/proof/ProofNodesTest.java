package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.NodeId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof plans for the RFC 6962 example tree, nodes named by letter:
 *
 * <pre>
 *                hash              level 3
 *               /    \
 *              k      l            level 2
 *             / \    / \
 *            g   h  i   [ ]        level 1   ([ ] does not exist at size 7)
 *           / \ / \ / \ /
 *           a b c d e f j          level 0
 *           0 1 2 3 4 5 6
 * </pre>
 *
 * Expected ids agree with transparency-dev/merkle's {@code proof} tests.
 */
class ProofNodesTest {
  private static final NodeId A = id(0, 0);
  private static final NodeId B = id(0, 1);
  private static final NodeId C = id(0, 2);
  private static final NodeId D = id(0, 3);
  private static final NodeId E = id(0, 4);
  private static final NodeId F = id(0, 5);
  private static final NodeId J = id(0, 6);
  private static final NodeId G = id(1, 0);
  private static final NodeId H = id(1, 1);
  private static final NodeId I = id(1, 2);
  private static final NodeId K = id(2, 0);
  private static final NodeId L = id(2, 1);

  private static NodeId id(int level, long index) {
    return new NodeId(level, index);
  }

  private static Arguments plan(long a, long b, List<NodeId> ids, int begin, int end) {
    return Arguments.of(a, b, ids, begin, end);
  }

  static Stream<Arguments> inclusionPlans() {
    return Stream.of(
        plan(0, 1, List.of(), 0, 0),
        plan(0, 2, List.of(B), 0, 0),
        plan(1, 2, List.of(A), 0, 0),
        plan(1, 3, List.of(A, C), 0, 0),
        plan(0, 7, List.of(B, H, J, I), 2, 4), // l = H(i, j)
        plan(1, 7, List.of(A, H, J, I), 2, 4),
        plan(2, 7, List.of(D, G, J, I), 2, 4),
        plan(3, 7, List.of(C, G, J, I), 2, 4),
        plan(4, 7, List.of(F, J, K), 0, 0),
        plan(5, 7, List.of(E, J, K), 0, 0),
        plan(6, 7, List.of(I, K), 0, 0),
        plan(2, 4, List.of(D, G), 0, 0),
        plan(3, 5, List.of(C, G, E), 0, 0),
        plan(3, 6, List.of(C, G, I), 0, 0),
        plan(4, 6, List.of(F, K), 0, 0),
        plan(0, 8, List.of(B, H, L), 0, 0),
        plan(10, 15, List.of(id(0, 11), id(1, 4), id(0, 14), id(1, 6), id(3, 0)), 2, 4),
        plan(24, 31, List.of(id(0, 25), id(1, 13), id(0, 30), id(1, 14), id(3, 2), id(4, 0)), 2, 4),
        plan(
            81,
            95,
            List.of(
                id(0, 80), id(1, 41), id(2, 21), id(0, 94), id(1, 46), id(2, 22), id(4, 4),
                id(6, 0)),
            3,
            6));
  }

  @ParameterizedTest(name = "inclusion index {0} size {1}")
  @MethodSource("inclusionPlans")
  void plansInclusion(long index, long size, List<NodeId> ids, int begin, int end) {
    ProofNodes plan = ProofNodes.inclusion(index, size);
    assertEquals(ids, plan.ids());
    assertEquals(List.of(begin, end), List.of(plan.begin(), plan.end()));
  }

  static Stream<Arguments> consistencyPlans() {
    return Stream.of(
        plan(1, 1, List.of(), 0, 0),
        plan(7, 7, List.of(), 0, 0),
        plan(0, 7, List.of(), 0, 0),
        plan(1, 2, List.of(B), 0, 0),
        plan(1, 4, List.of(B, H), 0, 0),
        plan(1, 6, List.of(B, H, I), 0, 0),
        plan(2, 3, List.of(C), 0, 0),
        plan(2, 8, List.of(H, L), 0, 0),
        plan(3, 7, List.of(C, D, G, J, I), 3, 5),
        plan(4, 7, List.of(J, I), 0, 2),
        plan(5, 7, List.of(E, F, J, K), 0, 0),
        plan(6, 7, List.of(I, J, K), 0, 0),
        plan(7, 8, List.of(J, id(0, 7), I, K), 0, 0),
        plan(2, 4, List.of(H), 0, 0),
        plan(3, 5, List.of(C, D, G, E), 0, 0),
        plan(3, 6, List.of(C, D, G, I), 0, 0),
        plan(4, 6, List.of(I), 0, 0),
        plan(1, 7, List.of(B, H, J, I), 2, 4),
        plan(10, 15, List.of(id(1, 4), id(1, 5), id(0, 14), id(1, 6), id(3, 0)), 2, 4),
        plan(24, 31, List.of(id(3, 2), id(0, 30), id(1, 14), id(2, 6), id(4, 0)), 1, 4),
        plan(
            81,
            95,
            List.of(
                id(0, 80), id(0, 81), id(1, 41), id(2, 21), id(0, 94), id(1, 46), id(2, 22),
                id(4, 4), id(6, 0)),
            4,
            7));
  }

  @ParameterizedTest(name = "consistency {0} -> {1}")
  @MethodSource("consistencyPlans")
  void plansConsistency(long size1, long size2, List<NodeId> ids, int begin, int end) {
    ProofNodes plan = ProofNodes.consistency(size1, size2);
    assertEquals(ids, plan.ids());
    assertEquals(List.of(begin, end), List.of(plan.begin(), plan.end()));
  }

  @ParameterizedTest(name = "index {0} size {1}")
  @MethodSource("badInclusion")
  void rejectsInclusionOutOfBounds(long index, long size, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProofNodes.inclusion(index, size));
    assertEquals(message, e.getMessage());
  }

  static Stream<Arguments> badInclusion() {
    return Stream.of(
        Arguments.of(0, 0, "index 0 out of bounds for tree size 0"),
        Arguments.of(2, 1, "index 2 out of bounds for tree size 1"),
        Arguments.of(7, 7, "index 7 out of bounds for tree size 7"),
        Arguments.of(-1, 7, "index -1 out of bounds for tree size 7"));
  }

  @ParameterizedTest(name = "size1 {0} size2 {1}")
  @MethodSource("badConsistency")
  void rejectsConsistencyBackwards(long size1, long size2) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProofNodes.consistency(size1, size2));
    assertEquals(
        "size1 " + size1 + " and size2 " + size2 + " do not satisfy 0 <= size1 <= size2",
        e.getMessage());
  }

  static Stream<Arguments> badConsistency() {
    return Stream.of(Arguments.of(5, 0), Arguments.of(9, 8), Arguments.of(-1, 3));
  }
}
