package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.merkle.proof.Subtree;
import dev.waxseal.merkle.proof.SubtreeConsistencyProof;
import dev.waxseal.merkle.proof.SubtreeInclusionProof;
import dev.waxseal.merkle.proof.SubtreeProofVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proofs (RFC 9162 and subtree) and roots from tiles, for trees up to 70,000 leaves, all read from
 * the tiles of the latest tree (so older sizes see tiles wider than they need), checked against
 * {@link ReferenceTree}.
 */
class TileProofsTest {
  private static final long SEED = Long.getLong("merkle.seed", System.nanoTime());
  private static final long LATEST = 70_000;
  private static final ReferenceTree TREE = new ReferenceTree();
  private static final InMemoryTiles STORE = new InMemoryTiles();

  @BeforeAll
  static void buildLatestTree() {
    TileAppender appender = TileAppender.open(0, List.of());
    TileTrees.appendInRandomBatches(appender, STORE, LATEST, new Random(SEED), TREE);
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(longs = {1, 2, 7, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 69_999, 70_000})
  void buildsRootsAndProofsForAnySizeFromTheLatestTiles(long size) throws Exception {
    TileProofs proofs = new TileProofs(STORE);
    assertEquals(TREE.rootHash(size), proofs.rootHash(size), "seed " + SEED);
    Random random = new Random(SEED ^ size);
    Hash root = TREE.rootHash(size);
    for (long index : new long[] {0, size - 1, size / 2, Math.floorMod(random.nextLong(), size)}) {
      int before = STORE.calls();
      InclusionProof proof = proofs.inclusionProof(index, size);
      assertEquals(
          proof.hashes().isEmpty() ? 0 : 1, STORE.calls() - before, "one readTiles call per proof");
      assertEquals(TREE.inclusionProof(index, size), proof.hashes(), "index " + index);
      ProofVerifier.verifyInclusion(proof, TREE.leafHash(index), root);
    }
    for (long size2 : new long[] {size, size + 1, LATEST, size + random.nextInt(3000)}) {
      if (size2 > LATEST) {
        continue;
      }
      ConsistencyProof proof = proofs.consistencyProof(size, size2);
      assertEquals(TREE.consistencyProof(size, size2), proof.hashes(), size + " -> " + size2);
      ProofVerifier.verifyConsistency(proof, root, TREE.rootHash(size2));

      int before = STORE.calls();
      TileProofs.RootedConsistency rooted = proofs.consistencyProofWithRoot(size, size2);
      assertEquals(1, STORE.calls() - before, "proof and root from one readTiles call");
      assertEquals(proof.hashes(), rooted.proof().hashes(), size + " -> " + size2);
      assertEquals(TREE.rootHash(size2), rooted.rootHash(), "root at " + size2);
    }
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(longs = {1, 2, 7, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 69_999, 70_000})
  void buildsSubtreeHashesAndProofsFromTheLatestTiles(long size) throws Exception {
    TileProofs proofs = new TileProofs(STORE);
    Random random = new Random(SEED ^ ~size);
    Hash root = TREE.rootHash(size);
    List<Subtree> subtrees = new ArrayList<>();
    subtrees.add(new Subtree(0, size));
    subtrees.add(new Subtree(size, size));
    for (int i = 0; i < 6; i++) {
      // Aligned to a random power of two 2^c, ending at the right edge or anywhere before it.
      long end = i % 2 == 0 ? size : 1 + Math.floorMod(random.nextLong(), size);
      int c = random.nextInt(65 - Long.numberOfLeadingZeros(end));
      subtrees.add(new Subtree(((end - 1) >>> c) << c, end));
    }
    for (Subtree subtree : subtrees) {
      long start = subtree.start();
      long end = subtree.end();
      String where = "subtree [" + start + ", " + end + ") size " + size + " seed " + SEED;
      Hash subtreeHash = proofs.subtreeHash(start, end);
      assertEquals(TREE.subtreeHash(start, end), subtreeHash, where);

      int before = STORE.calls();
      SubtreeConsistencyProof consistency = proofs.subtreeConsistencyProof(start, end, size);
      assertEquals(
          consistency.hashes().isEmpty() ? 0 : 1, STORE.calls() - before, "one read: " + where);
      assertEquals(TREE.subtreeConsistencyProof(start, end, size), consistency.hashes(), where);
      SubtreeProofVerifier.verifyConsistency(consistency, subtreeHash, root);

      if (subtree.size() > 0) {
        long index = start + Math.floorMod(random.nextLong(), subtree.size());
        SubtreeInclusionProof inclusion = proofs.subtreeInclusionProof(index, start, end);
        assertEquals(TREE.subtreeInclusionProof(index, start, end), inclusion.hashes(), where);
        SubtreeProofVerifier.verifyInclusion(inclusion, TREE.leafHash(index), subtreeHash);
      }
    }
  }

  @Test
  void subtreeProofsAcrossTileBoundariesVerify() throws Exception {
    TileProofs proofs = new TileProofs(STORE);
    long[][] subtrees = {
      {256, 512}, {256, 300}, {0, 65_536}, {65_536, 70_000}, {65_536, 65_537}, {69_632, 69_999}
    };
    for (long[] s : subtrees) {
      Hash subtreeHash = proofs.subtreeHash(s[0], s[1]);
      assertEquals(TREE.subtreeHash(s[0], s[1]), subtreeHash);
      for (long size : new long[] {s[1], Math.min(s[1] + 1, LATEST), LATEST}) {
        SubtreeProofVerifier.verifyConsistency(
            proofs.subtreeConsistencyProof(s[0], s[1], size), subtreeHash, TREE.rootHash(size));
      }
      for (long index = s[0]; index < s[1]; index += 97) {
        SubtreeProofVerifier.verifyInclusion(
            proofs.subtreeInclusionProof(index, s[0], s[1]), TREE.leafHash(index), subtreeHash);
      }
    }
    assertEquals(
        "subtree [5, 8) is not aligned: start 5 is not a multiple of 4, the smallest power of two"
            + " >= its size 3",
        assertThrows(IllegalArgumentException.class, () -> proofs.subtreeHash(5, 8)).getMessage());
  }

  @Test
  void inclusionAndConsistencyProofsAcrossTheFirstTilesVerify() throws Exception {
    TileProofs proofs = new TileProofs(STORE);
    for (long size = 1; size <= 600; size += 23) {
      Hash root = TREE.rootHash(size);
      for (long index = 0; index < size; index += 5) {
        InclusionProof proof = proofs.inclusionProof(index, size);
        ProofVerifier.verifyInclusion(proof, TREE.leafHash(index), root);
      }
      for (long size1 = 1; size1 <= size; size1 += 3) {
        ProofVerifier.verifyConsistency(
            proofs.consistencyProof(size1, size), TREE.rootHash(size1), root);
      }
    }
  }

  @Test
  void emptyTreeNeedsNoTiles() {
    TileProofs proofs = new TileProofs(ids -> List.of());
    assertEquals(TREE.rootHash(0), proofs.rootHash(0));
    assertEquals(List.of(), proofs.consistencyProof(0, 5).hashes());
    assertEquals(TREE.rootHash(0), proofs.consistencyProofWithRoot(0, 0).rootHash());
  }

  @Test
  void rejectsATileNarrowerThanTheTreeNeeds() {
    TileReader narrow = ids -> STORE.readTiles(ids).stream().map(t -> t.prefix(1)).toList();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new TileProofs(narrow).rootHash(300));
    assertEquals("tile 0/1 has width 1, need 44 for tree size 300", e.getMessage());
  }

  @Test
  void rejectsTheWrongTilesOrNone() {
    TileReader wrong = ids -> STORE.readTiles(List.of(new TileId(0, 5)));
    assertEquals(
        "tile reader returned tile 0/5, want 0/0",
        assertThrows(IllegalStateException.class, () -> new TileProofs(wrong).rootHash(3))
            .getMessage());
    TileReader none = ids -> List.of();
    assertEquals(
        "tile reader returned 0 tiles, want 1",
        assertThrows(IllegalStateException.class, () -> new TileProofs(none).rootHash(3))
            .getMessage());
    assertEquals(
        "no tile 0/1000",
        assertThrows(
                IllegalStateException.class, () -> new TileProofs(STORE).inclusionProof(0, 256_001))
            .getMessage());
  }

  @Test
  void rejectsBadArguments() {
    TileProofs proofs = new TileProofs(STORE);
    assertEquals(
        "index 5 out of bounds for tree size 5",
        assertThrows(IllegalArgumentException.class, () -> proofs.inclusionProof(5, 5))
            .getMessage());
    assertEquals(
        "negative tree size -1",
        assertThrows(IllegalArgumentException.class, () -> proofs.rootHash(-1)).getMessage());
  }
}
