package dev.waxseal.bench;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.merkle.tiles.TileProofs;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building proofs from tiles and verifying them, for a consistent synthetic tree of 2^30 leaves
 * behind an in-memory {@link SyntheticTiles} reader (no database: this is the Merkle work only).
 * Build and verify are measured separately over 1024 random indices / old sizes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProofBench {
  private static final long SIZE = 1L << 30;
  private static final int CASES = 1024;

  @State(Scope.Thread)
  public static class Tree {
    final SyntheticTree tree = new SyntheticTree();
    final TileProofs proofs = new TileProofs(new SyntheticTiles(tree, SIZE));
    final long[] indices = new long[CASES];
    final Hash[] leafHashes = new Hash[CASES];
    final InclusionProof[] inclusion = new InclusionProof[CASES];
    final long[] sizes1 = new long[CASES];
    final Hash[] roots1 = new Hash[CASES];
    final ConsistencyProof[] consistency = new ConsistencyProof[CASES];
    Hash root = Rfc6962.emptyRoot();
    int next;

    @Setup
    public void setUp() throws ProofVerificationException {
      Random random = new Random(42);
      root = tree.rootHash(SIZE);
      for (int i = 0; i < CASES; i++) {
        indices[i] = Math.floorMod(random.nextLong(), SIZE);
        leafHashes[i] = tree.leafHash(indices[i]);
        inclusion[i] = proofs.inclusionProof(indices[i], SIZE);
        ProofVerifier.verifyInclusion(inclusion[i], leafHashes[i], root);
        sizes1[i] = 1 + Math.floorMod(random.nextLong(), SIZE - 1);
        roots1[i] = tree.rootHash(sizes1[i]);
        consistency[i] = proofs.consistencyProof(sizes1[i], SIZE);
        ProofVerifier.verifyConsistency(consistency[i], roots1[i], root);
      }
    }

    int next() {
      return next++ & (CASES - 1);
    }
  }

  @Benchmark
  public InclusionProof inclusionBuild(Tree state) {
    return state.proofs.inclusionProof(state.indices[state.next()], SIZE);
  }

  @Benchmark
  public InclusionProof inclusionVerify(Tree state) throws ProofVerificationException {
    int i = state.next();
    ProofVerifier.verifyInclusion(state.inclusion[i], state.leafHashes[i], state.root);
    return state.inclusion[i];
  }

  @Benchmark
  public ConsistencyProof consistencyBuild(Tree state) {
    return state.proofs.consistencyProof(state.sizes1[state.next()], SIZE);
  }

  @Benchmark
  public ConsistencyProof consistencyVerify(Tree state) throws ProofVerificationException {
    int i = state.next();
    ProofVerifier.verifyConsistency(state.consistency[i], state.roots1[i], state.root);
    return state.consistency[i];
  }
}
