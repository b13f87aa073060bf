package dev.waxseal.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CompactRange} against {@link ReferenceTree}. */
class CompactRangeTest {
  private static final long SEED = Long.getLong("merkle.seed", System.nanoTime());
  private final ReferenceTree tree = new ReferenceTree();

  @Test
  void emptyRangeHasTheEmptyRoot() {
    CompactRange range = CompactRange.empty();
    assertEquals(0, range.size());
    assertEquals(Rfc6962.emptyRoot(), range.rootHash());
    assertEquals(List.of(), range.nodes());
  }

  @Test
  void rootMatchesReferenceForEverySizeUpTo300AndVisitorSeesEveryNewNode() {
    CompactRange range = CompactRange.empty();
    for (long size = 1; size <= 300; size++) {
      List<NodeId> visited = new ArrayList<>();
      range.append(
          tree.leafHash(size - 1),
          (id, hash) -> {
            assertEquals(tree.nodeHash(id), hash, id::toString);
            visited.add(id);
          });
      assertEquals(size, range.size());
      assertEquals(tree.rootHash(size), range.rootHash(), "size " + size);
      // The leaf, then one parent per trailing one bit of the old size.
      assertEquals(1 + Long.numberOfTrailingZeros(size), visited.size());
      assertEquals(new NodeId(0, size - 1), visited.get(0));
      assertEquals(expectedNodes(size), range.nodes());
      for (int i = 0; i < range.nodes().size(); i++) {
        assertEquals(tree.nodeHash(range.nodes().get(i)), range.hashes().get(i));
      }
    }
  }

  @Test
  void rangeFromRightEdgeOfHugeTreeAppendsLikeTheReference() {
    Random random = new Random(SEED);
    for (int i = 0; i < 100; i++) {
      long size = random.nextLong() >>> 24; // up to 2^40
      List<Hash> hashes = expectedNodes(size).stream().map(tree::nodeHash).toList();
      CompactRange range = CompactRange.of(size, hashes);
      assertEquals(tree.rootHash(size), range.rootHash(), "size " + size + " seed " + SEED);
      for (int k = 0; k < 3; k++) {
        range.append(tree.leafHash(range.size()));
        assertEquals(tree.rootHash(range.size()), range.rootHash(), "seed " + SEED);
      }
    }
  }

  @Test
  void nodeIdsTileTheTreeWithPerfectSubtreesLargestFirst() {
    Random random = new Random(SEED);
    for (int i = 0; i < 1000; i++) {
      long size = i < 300 ? i : (random.nextLong() >>> 1) >>> random.nextInt(63);
      long next = 0;
      int lastLevel = Integer.MAX_VALUE;
      for (NodeId id : CompactRange.nodeIds(size)) {
        assertEquals(next, id.begin(), "contiguous, size " + size + " seed " + SEED);
        assertTrue(id.level() < lastLevel, "strictly decreasing levels, size " + size);
        lastLevel = id.level();
        next = id.end();
      }
      assertEquals(size, next, "covers [0, size), seed " + SEED);
    }
  }

  @Test
  void copyIsIndependent() {
    CompactRange range = CompactRange.empty();
    range.append(tree.leafHash(0));
    CompactRange copy = range.copy();
    range.append(tree.leafHash(1));
    assertEquals(1, copy.size());
    assertEquals(tree.rootHash(1), copy.rootHash());
  }

  @Test
  void rejectsWrongNumberOfHashes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CompactRange.of(6, List.of(Rfc6962.emptyRoot())));
    assertEquals("wrong number of hashes 1, want 2", e.getMessage());
    assertEquals(
        "negative tree size -1",
        assertThrows(IllegalArgumentException.class, () -> CompactRange.of(-1, List.of()))
            .getMessage());
  }

  /** The perfect subtrees of [0, size), largest first, from the binary digits of size. */
  static List<NodeId> expectedNodes(long size) {
    List<NodeId> ids = new ArrayList<>();
    long begin = 0;
    for (int level = 62; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        ids.add(new NodeId(level, begin >> level));
        begin += 1L << level;
      }
    }
    return ids;
  }
}
