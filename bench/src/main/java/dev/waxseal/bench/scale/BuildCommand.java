package dev.waxseal.bench.scale;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileUpdate;
import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.PemLogSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code build}: appends synthetic entries to the empty active Rekor v1 tree of a server's data
 * directory, writing with COPY exactly the rows the appender's batch transaction writes
 * (BatchIntegration): entries and their search keys into the tree's partitions, the tiles the
 * merkle module's {@link TileAppender} computes (each full tile once; the right edge's partial
 * tiles at the end), one checkpoint per {@code --checkpoint-every} entries signed with the server's
 * keys in both dialects, and the tree head. Only the SETs are stand-ins (see {@link
 * SyntheticEntries}).
 *
 * <p>Generation (bodies, leaf hashes, tiles, checkpoint signatures) runs one chunk ahead of the
 * COPY, on a second thread. Each chunk is one transaction; the load stops at a chunk boundary when
 * the disk's free space falls below {@code --min-free-gb}, and the tree is then finished at the
 * size reached.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Bulk-append synthetic entries to the empty active v1 tree of a data directory.")
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      required = true,
      description = "The server's WAXSEAL_DATA_DIR (started once, then stopped).")
  Path dataDir = Path.of("");

  @Option(names = "--entries", required = true, description = "How many entries to append.")
  long entries;

  @Option(
      names = "--chunk",
      defaultValue = "16384",
      description = "Entries per transaction, a multiple of 256 (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "1024",
      description =
          "Entries per stored checkpoint, as batches of this size would leave (default:"
              + " ${DEFAULT-VALUE}, the appender's largest batch).")
  int checkpointEvery;

  @Option(
      names = "--min-free-gb",
      defaultValue = "15",
      description =
          "Stop early when the disk has less free space than this (default: ${DEFAULT-VALUE}).")
  long minFreeGb;

  @Option(
      names = "--max-time",
      defaultValue = "P365D",
      description =
          "Stop loading (at a chunk boundary) after this long, ISO-8601 (e.g. PT40M), and finish"
              + " the tree at the size reached (default: no limit).")
  Duration maxTime = Duration.ofDays(365);

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic entries.")
  long seed;

  @Option(
      names = "--defer-indexes",
      description =
          "Drop the two indexes with random keys (entries' unique leaf hash, search_keys' primary"
              + " key) and search_keys' foreign key before the load, and re-create them, with"
              + " the same names, after it: a sorted build instead of 10^8 random inserts. The"
              + " indexes come out denser than an appender's (fillfactor 90 against ~70 %).")
  boolean deferIndexes;

  /**
   * What --defer-indexes drops for tree {@code tree}, and the statements that put each back. The
   * foreign key is the tree's search-key partition's (V6); the two indexes are dropped and made on
   * the partitioned tables, which PostgreSQL does partition by partition, with the same names.
   */
  private static List<String[]> deferred(long tree) {
    String searchKeys = "search_keys_" + tree;
    return List.of(
        new String[] {
          "ALTER TABLE " + searchKeys + " DROP CONSTRAINT " + searchKeys + "_entry_fkey",
          "ALTER TABLE "
              + searchKeys
              + " ADD CONSTRAINT "
              + searchKeys
              + "_entry_fkey FOREIGN KEY (tree_id, idx) REFERENCES entries_"
              + tree
              + " (tree_id, idx)"
        },
        new String[] {
          "ALTER TABLE search_keys DROP CONSTRAINT search_keys_pkey",
          "ALTER TABLE search_keys ADD PRIMARY KEY (search_key, tree_id, idx)"
        },
        new String[] {
          "ALTER TABLE entries DROP CONSTRAINT entries_tree_id_leaf_hash_key",
          "ALTER TABLE entries ADD CONSTRAINT entries_tree_id_leaf_hash_key"
              + " UNIQUE (tree_id, leaf_hash)"
        });
  }

  @Override
  public Integer call() throws Exception {
    if (chunk % TileGeometry.WIDTH != 0 || chunk % checkpointEvery != 0) {
      throw new IllegalArgumentException(
          "--chunk " + chunk + " must be a multiple of 256 and of --checkpoint-every");
    }
    PrintStream out = System.out;
    Path keys = dataDir.resolve("keys");
    PemLogSigner logKey = PemLogSigner.of(PemKeyFiles.load(keys.resolve("log-signer.pem")));
    PemLogSigner tilesKey = PemLogSigner.of(PemKeyFiles.load(keys.resolve("tiles-ed25519.pem")));
    try (EmbeddedPostgres postgres = Cluster.start(dataDir, Cluster.BULK);
        Connection c = postgres.getPostgresDatabase().getConnection()) {
      Target target = Target.read(c);
      Signers signers =
          new Signers(
              target.treeId(),
              new CheckpointSigner(target.hostname(), logKey),
              new C2spCheckpointSigner(target.tileOrigin(), tilesKey, null));
      out.printf(
          "build    tree %d (%s) entries %d chunk %d checkpoint every %d%n",
          target.treeId(), target.origin(), entries, chunk, checkpointEvery);
      load(c, target, signers, out);
    }
    return 0;
  }

  /** The tree's checkpoint signers, as the server's ShardSigners would sign. */
  private record Signers(long treeId, CheckpointSigner rekor, C2spCheckpointSigner c2sp) {}

  /** The tree being built: the active Rekor v1 tree, which must be empty. */
  private record Target(long treeId, String origin, String tileOrigin) {
    static Target read(Connection c) throws SQLException {
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT t.tree_id, t.origin, t.tile_origin, h.size FROM trees t"
                      + " JOIN tree_head h ON h.tree_id = t.tree_id"
                      + " WHERE t.state = 'active' AND t.flavour = 'rekor_v1'");
          ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no active rekor_v1 tree: start the server once first");
        }
        if (r.getLong(4) != 0) {
          throw new IllegalStateException(
              "the active tree holds " + r.getLong(4) + " entries; build needs an empty log");
        }
        String tileOrigin = r.getString(3);
        if (tileOrigin == null) {
          throw new IllegalStateException("the tree has no tile origin yet: start the server once");
        }
        return new Target(r.getLong(1), r.getString(2), tileOrigin);
      }
    }

    /** The Rekor v1 origin is {@code "<hostname> - <treeID>"}. */
    String hostname() {
      return origin.substring(0, origin.lastIndexOf(" - "));
    }
  }

  /** One chunk, ready to COPY. */
  private record Chunk(
      long start,
      SyntheticEntries.Entry[] entries,
      Hash[] leaves,
      List<Tile> fullTiles,
      List<CheckpointRow> checkpoints) {}

  private record CheckpointRow(long size, Hash root, String note, String c2spNote) {}

  private void load(Connection c, Target target, Signers signers, PrintStream out)
      throws Exception {
    List<String[]> deferred = deferred(target.treeId());
    if (deferIndexes) {
      try (var s = c.createStatement()) {
        for (String[] statements : deferred) {
          s.execute(statements[0]);
        }
      }
    }
    c.setAutoCommit(false);
    SyntheticEntries synthetic = new SyntheticEntries(seed);
    TileAppender appender = TileAppender.open(0, List.of());
    // The newest partial tile of each level: the right edge, written once at the end.
    Map<Integer, Tile> partial = new TreeMap<>();
    long integratedTime = Instant.now().getEpochSecond();
    Instant started = Instant.now();
    long done = 0;
    long waitedNanos = 0;
    long copiedNanos = 0;
    ExecutorService generator = Executors.newSingleThreadExecutor();
    try {
      Future<Chunk> next =
          generator.submit(() -> generate(synthetic, appender, partial, 0, signers));
      while (true) {
        long t0 = System.nanoTime();
        Chunk current = next.get();
        waitedNanos += System.nanoTime() - t0;
        long after = current.start() + current.entries().length;
        boolean last = after >= entries || lowOnDisk(out) || outOfTime(out, started);
        if (!last) {
          next = generator.submit(() -> generate(synthetic, appender, partial, after, signers));
        }
        long t1 = System.nanoTime();
        copy(c, target.treeId(), current, integratedTime);
        copiedNanos += System.nanoTime() - t1;
        done = after;
        if (last) {
          break;
        }
        if (done % (16L * chunk) == 0) {
          progress(out, done, started);
          out.printf(
              "         waited for generation %.0f s, in COPY and commit %.0f s%n",
              waitedNanos / 1e9, copiedNanos / 1e9);
        }
      }
    } finally {
      generator.shutdownNow();
    }
    // The generator is idle now: the appender and the partial tiles are at size `done`.
    finish(c, target.treeId(), new ArrayList<>(partial.values()), appender);
    progress(out, done, started);
    try (var s = c.createStatement()) {
      c.setAutoCommit(true);
      if (deferIndexes) {
        // Put back in the reverse order: the foreign key needs entries' primary key only.
        for (int i = deferred.size() - 1; i >= 0; i--) {
          String statement = deferred.get(i)[1];
          Instant rebuild = Instant.now();
          s.execute(statement);
          out.printf("rebuilt  %s in %s%n", statement, Duration.between(rebuild, Instant.now()));
        }
      }
      Instant analyze = Instant.now();
      s.execute("VACUUM ANALYZE");
      out.printf("vacuum analyze %s%n", Duration.between(analyze, Instant.now()));
    }
    out.printf(
        "built    %d entries, root %s, in %s%n",
        done, appender.rootHash().hex(), Duration.between(started, Instant.now()));
  }

  private Chunk generate(
      SyntheticEntries synthetic,
      TileAppender appender,
      Map<Integer, Tile> partial,
      long start,
      Signers signers) {
    int n = (int) Math.min(chunk, entries - start);
    SyntheticEntries.Entry[] rows = new SyntheticEntries.Entry[n];
    Hash[] leaves = new Hash[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              rows[i] = synthetic.entry(start + i);
              leaves[i] = Rfc6962.leafHash(rows[i].body());
            });
    List<Tile> full = new ArrayList<>();
    List<CheckpointRow> checkpoints = new ArrayList<>();
    for (int from = 0; from < n; from += checkpointEvery) {
      int to = Math.min(n, from + checkpointEvery);
      TileUpdate update = appender.append(List.of(leaves).subList(from, to));
      for (Tile tile : update.tiles()) {
        int level = tile.id().level();
        if (tile.width() == TileGeometry.WIDTH) {
          full.add(tile);
          Tile stale = partial.get(level);
          if (stale != null && stale.id().equals(tile.id())) {
            partial.remove(level);
          }
        } else {
          partial.put(level, tile);
        }
      }
      checkpoints.add(
          new CheckpointRow(
              update.treeSize(),
              update.rootHash(),
              signers.rekor().sign(signers.treeId(), update.treeSize(), update.rootHash()),
              signers.c2sp().sign(update.treeSize(), update.rootHash())));
    }
    return new Chunk(start, rows, leaves, full, checkpoints);
  }

  private void copy(Connection c, long tree, Chunk chunk, long integratedTime)
      throws SQLException, IOException {
    PGConnection pg = c.unwrap(PGConnection.class);
    try (OutputStream stream =
        copyIn(
            pg,
            "COPY entries_"
                + tree
                + " (tree_id, idx, leaf_hash, kind, api_version, body, integrated_time,"
                + " entry_timestamp) FROM STDIN")) {
      CopyRows rows = new CopyRows(stream);
      for (int i = 0; i < chunk.entries().length; i++) {
        SyntheticEntries.Entry e = chunk.entries()[i];
        rows.number(tree)
            .number(chunk.start() + i)
            .bytes(chunk.leaves()[i].bytes())
            .text("hashedrekord")
            .text("0.0.1")
            .bytes(e.body())
            .number(integratedTime)
            .bytes(e.entryTimestamp())
            .endRow();
      }
    }
    try (OutputStream stream =
        copyIn(pg, "COPY search_keys_" + tree + " (search_key, tree_id, idx) FROM STDIN")) {
      CopyRows rows = new CopyRows(stream);
      for (int i = 0; i < chunk.entries().length; i++) {
        for (String key : chunk.entries()[i].searchKeys()) {
          rows.text(key).number(tree).number(chunk.start() + i).endRow();
        }
      }
    }
    copyTiles(pg, tree, chunk.fullTiles());
    try (OutputStream stream =
        copyIn(pg, "COPY checkpoints (tree_id, size, root_hash, note, c2sp_note) FROM STDIN")) {
      CopyRows rows = new CopyRows(stream);
      for (CheckpointRow checkpoint : chunk.checkpoints()) {
        rows.number(tree)
            .number(checkpoint.size())
            .bytes(checkpoint.root().bytes())
            .text(checkpoint.note())
            .text(checkpoint.c2spNote())
            .endRow();
      }
    }
    c.commit();
  }

  private static void copyTiles(PGConnection pg, long tree, List<Tile> tiles)
      throws SQLException, IOException {
    if (tiles.isEmpty()) {
      return;
    }
    try (OutputStream stream =
        copyIn(pg, "COPY tiles (tree_id, level, idx, width, hashes) FROM STDIN")) {
      CopyRows rows = new CopyRows(stream);
      for (Tile tile : tiles) {
        rows.number(tree)
            .number(tile.id().level())
            .number(tile.id().index())
            .number(tile.width())
            .bytes(tile.bytes())
            .endRow();
      }
    }
  }

  private static OutputStream copyIn(PGConnection pg, String sql) throws SQLException {
    return new BufferedOutputStream(new PGCopyOutputStream(pg, sql, 1 << 20), 1 << 20);
  }

  /** Writes the right edge's partial tiles and moves the tree head to the size built. */
  private static void finish(Connection c, long tree, List<Tile> partial, TileAppender appender)
      throws SQLException, IOException {
    copyTiles(c.unwrap(PGConnection.class), tree, partial);
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE tree_head SET size = ?, root_hash = ?, updated_at = now() WHERE tree_id = ?")) {
      s.setLong(1, appender.size());
      s.setBytes(2, appender.rootHash().bytes());
      s.setLong(3, tree);
      s.executeUpdate();
    }
    c.commit();
  }

  private boolean outOfTime(PrintStream out, Instant started) {
    if (Duration.between(started, Instant.now()).compareTo(maxTime) > 0) {
      out.printf("stopping: --max-time %s reached%n", maxTime);
      return true;
    }
    return false;
  }

  private boolean lowOnDisk(PrintStream out) throws IOException {
    long free = Files.getFileStore(dataDir.toAbsolutePath()).getUsableSpace();
    if (free < minFreeGb << 30) {
      out.printf("stopping: %.1f GB free, below --min-free-gb %d%n", free / 1e9, minFreeGb);
      return true;
    }
    return false;
  }

  private static void progress(PrintStream out, long done, Instant started) throws IOException {
    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    out.printf(
        "progress %d entries in %.0f s: %.0f entries/s, load %s%n",
        done, seconds, done / seconds, Files.readString(Path.of("/proc/loadavg")).trim());
  }
}
