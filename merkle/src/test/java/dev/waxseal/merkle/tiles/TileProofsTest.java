package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proofs and roots from tiles, for trees up to 70,000 leaves, all read from the tiles of the latest
 * tree (so older sizes see tiles wider than they need), checked against {@link ReferenceTree}.
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
