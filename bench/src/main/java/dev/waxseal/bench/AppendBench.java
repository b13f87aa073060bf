package dev.waxseal.bench;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.merkle.tiles.TileUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Leaf hashing and appends: the per-entry cost of integrating a batch. Figures are per leaf. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBench {
  private static final int BATCH = 256;

  /** A typical canonical entry body is a few hundred bytes. */
  @State(Scope.Thread)
  public static class Entry {
    final byte[] entry = new byte[512];
  }

  @Benchmark
  public Hash leafHash(Entry state) {
    return Rfc6962.leafHash(state.entry);
  }

  /** A growing compact range fed from a ring of precomputed leaf hashes. */
  @State(Scope.Thread)
  public static class Range {
    final CompactRange range = CompactRange.empty();
    final Hash[] leaves = new Hash[1024];
    int next;

    @Setup
    public void setUp() {
      for (int i = 0; i < leaves.length; i++) {
        leaves[i] = Rfc6962.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
      }
    }
  }

  @Benchmark
  public long compactRangeAppend(Range state) {
    state.range.append(state.leaves[state.next++ & 1023]);
    return state.range.size();
  }

  /** A growing tiled tree; each invocation appends one batch of 256 leaves and gets the root. */
  @State(Scope.Thread)
  public static class Tiles {
    TileAppender appender = TileAppender.open(0, List.of());
    final List<Hash> batch = new ArrayList<>(BATCH);

    @Setup
    public void setUp() {
      for (int i = 0; i < BATCH; i++) {
        batch.add(Rfc6962.leafHash(new byte[] {(byte) i}));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public TileUpdate tileAppenderAppendBatch256(Tiles state) {
    return state.appender.append(state.batch);
  }
}
