package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.ReferenceTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test fixtures: tiled trees over {@link ReferenceTree} leaves. */
final class TileTrees {
  private TileTrees() {}

  /** Appends reference leaves {@code [from, to)} to {@code appender} in random batches. */
  static void appendInRandomBatches(
      TileAppender appender, InMemoryTiles store, long to, Random random, ReferenceTree tree) {
    while (appender.size() < to) {
      int batch = (int) Math.min(to - appender.size(), 1 + random.nextInt(1100));
      store.write(appender.append(leaves(tree, appender.size(), batch)));
    }
  }

  static List<Hash> leaves(ReferenceTree tree, long from, int count) {
    List<Hash> hashes = new ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      hashes.add(tree.leafHash(i));
    }
    return hashes;
  }

  /** The tile {@code ref} of the reference tree, built from its node hashes. */
  static Tile referenceTile(ReferenceTree tree, TileRef ref) {
    byte[] bytes = new byte[ref.width() * Hash.SIZE];
    for (int i = 0; i < ref.width(); i++) {
      long index = ref.id().index() * TileGeometry.WIDTH + i;
      tree.nodeHash(new NodeId(TileGeometry.HEIGHT * ref.id().level(), index))
          .copyTo(bytes, i * Hash.SIZE);
    }
    return Tile.of(ref.id(), bytes);
  }
}
