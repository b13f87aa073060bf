package dev.waxseal.server.lifecycle;

import dev.waxseal.merkle.tiles.EntryBundle;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.LogSnapshot;
import dev.waxseal.server.storage.LogSnapshot.FullEntry;
import dev.waxseal.server.storage.LogSnapshot.SnapshotTree;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code export DIR}: writes every tree, read in one snapshot, as a static C2SP tlog-tiles
 * directory ({@link ExportLayout}). The tiles written are recomputed from the entries, not copied,
 * and the export stops at the first entry whose stored leaf hash differs from its body's, so an
 * export is never more wrong than the database is.
 */
final class TileExport {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final DataSource dataSource;
  private final PrintStream out;

  TileExport(DataSource dataSource, PrintStream out) {
    this.dataSource = dataSource;
    this.out = out;
  }

  /**
   * Exports into {@code root}, which must be empty or absent.
   *
   * @return true when every tree was written
   */
  boolean run(Path root) throws IOException, SQLException {
    if (Files.isDirectory(root)) {
      try (var listing = Files.list(root)) {
        if (listing.findAny().isPresent()) {
          out.println("export: FAILED: " + root + " is not empty; export into a new directory");
          return false;
        }
      }
    }
    Files.createDirectories(root);
    List<String> dirs = new ArrayList<>();
    try (LogSnapshot snapshot = LogSnapshot.open(dataSource)) {
      for (SnapshotTree tree : snapshot.trees()) {
        String relative = relativeDir(tree);
        dirs.add(relative);
        exportTree(snapshot, tree, ExportLayout.treeDir(root, relative));
      }
    }
    Files.writeString(
        root.resolve(ExportLayout.MANIFEST),
        ExportLayout.json(new ExportLayout.Manifest(ExportLayout.VERSION, dirs)) + "\n");
    out.printf("export: OK: %d trees written to %s%n", dirs.size(), root);
    return true;
  }

  /** As the live tile API: v1 shards at their tile prefix, the Rekor v2 log under rekor-v2/. */
  private static String relativeDir(SnapshotTree tree) {
    String prefix = tree.row().tilePrefix().replaceFirst("^/", "");
    if (tree.flavour().equals(PostgresLogStore.REKOR_V2)) {
      return prefix.isEmpty() ? "rekor-v2" : "rekor-v2/" + prefix;
    }
    return prefix;
  }

  private void exportTree(LogSnapshot snapshot, SnapshotTree tree, Path dir)
      throws IOException, SQLException {
    TreeRow row = tree.row();
    long size = tree.head().size();
    if (!row.active() && snapshot.entriesArchived(row.treeId())) {
      throw new IllegalStateException(
          "tree "
              + row.treeId()
              + " is archived: its entries are not in this database; export before archiving a"
              + " shard, or restore its archive first (docs/capacity.md)");
    }
    Files.createDirectories(dir.resolve("waxseal/entries"));
    TreeRecompute recompute = new TreeRecompute();
    List<FullEntry> bundle = new ArrayList<>(TileGeometry.WIDTH);
    try {
      snapshot.fullEntries(
          row.treeId(),
          size,
          entry -> {
            if (!entry
                .row()
                .leafHash()
                .equals(dev.waxseal.merkle.Rfc6962.leafHash(entry.row().body()))) {
              throw new IllegalStateException(
                  "tree "
                      + row.treeId()
                      + " entry "
                      + entry.row().index()
                      + ": stored leaf hash differs from its body's; run audit");
            }
            recompute.add(entry.row().leafHash());
            bundle.add(entry);
            if (bundle.size() == TileGeometry.WIDTH) {
              writeBundle(dir, bundle);
              bundle.clear();
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!bundle.isEmpty()) {
      writeBundle(dir, bundle);
    }
    if (recompute.size() != size || !recompute.rootHash().equals(tree.head().rootHash())) {
      throw new IllegalStateException(
          "tree " + row.treeId() + ": its entries do not hash to its head; run audit");
    }
    for (Map.Entry<TileId, Tile> tile : recompute.tiles().entrySet()) {
      write(
          dir, TileGeometry.path(tile.getKey(), tile.getValue().width()), tile.getValue().bytes());
    }
    List<CheckpointRow> checkpoints = snapshot.checkpoints(row.treeId());
    StringBuilder lines = new StringBuilder();
    CheckpointRow head = null;
    for (CheckpointRow c : checkpoints) {
      lines
          .append(
              ExportLayout.json(
                  new ExportLayout.CheckpointMeta(
                      c.size(), c.rootHash().hex(), c.note(), c.c2spNote())))
          .append('\n');
      if (c.size() == size) {
        head = c;
      }
    }
    if (head == null) {
      throw new IllegalStateException(
          "tree " + row.treeId() + " has no checkpoint at size " + size);
    }
    Files.writeString(dir.resolve("waxseal/checkpoints.jsonl"), lines.toString());
    // A C2SP checkpoint where the tree has one; a tree with only Rekor v1 notes (imported from
    // Rekor) serves its Rekor note, which is a signed note of the same shape.
    String c2sp = head.c2spNote();
    write(dir, "checkpoint", (c2sp != null ? c2sp : head.note()).getBytes(StandardCharsets.UTF_8));
    byte[] key = row.publicKeyDer();
    ExportLayout.TreeMeta meta =
        new ExportLayout.TreeMeta(
            row.treeId(),
            tree.flavour(),
            row.active(),
            row.logId().hex(),
            row.virtualOffset(),
            row.origin(),
            row.keyId(),
            key == null ? null : BASE64.encodeToString(key),
            row.tilePrefix(),
            row.tileOrigin(),
            size,
            tree.head().rootHash().hex());
    Files.writeString(dir.resolve("waxseal/tree.json"), ExportLayout.json(meta) + "\n");
    out.printf(
        "export: tree %d (%s) size %d root %s -> %s%n",
        row.treeId(), tree.flavour(), size, tree.head().rootHash().hex(), dir);
  }

  private static void writeBundle(Path dir, List<FullEntry> entries) {
    long first = entries.get(0).row().index();
    long bundleIndex = first / TileGeometry.WIDTH;
    List<byte[]> bodies = new ArrayList<>(entries.size());
    StringBuilder meta = new StringBuilder();
    for (FullEntry e : entries) {
      if (e.row().body().length > EntryBundle.MAX_ENTRY) {
        throw new IllegalStateException(
            "entry "
                + e.row().index()
                + " of tree "
                + e.row().treeId()
                + " is "
                + e.row().body().length
                + " bytes; a tlog-tiles entry bundle holds at most "
                + EntryBundle.MAX_ENTRY);
      }
      bodies.add(e.row().body());
      byte[] attestation = e.attestation();
      meta.append(
              ExportLayout.json(
                  new ExportLayout.EntryMeta(
                      e.row().index(),
                      e.row().kind(),
                      e.row().apiVersion(),
                      e.row().integratedTime(),
                      BASE64.encodeToString(e.row().entryTimestamp()),
                      e.searchKeys(),
                      attestation == null ? null : BASE64.encodeToString(attestation))))
          .append('\n');
    }
    try {
      write(dir, TileGeometry.entriesPath(bundleIndex, entries.size()), EntryBundle.encode(bodies));
      write(
          dir,
          ExportLayout.entriesMetaPath(bundleIndex),
          meta.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, String relative, byte[] bytes) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
