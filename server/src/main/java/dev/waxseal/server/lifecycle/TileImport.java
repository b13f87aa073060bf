package dev.waxseal.server.lifecycle;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.tiles.EntryBundle;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code import DIR}: builds the log from an export ({@link ExportLayout}) into a database that has
 * no log yet. Every tree is rebuilt from its entry bundles alone; every checkpoint's signature is
 * verified with the tree's key and its root compared with the rebuilt root at its size, and the
 * directory's tiles and its {@code checkpoint} must be the rebuilt ones. All trees go in one
 * transaction, committed only when everything verified: a mismatch changes nothing.
 *
 * <p>Search keys are the exported ones; a v1 entry exported without any (for example from a log
 * imported before keys were derived from stored bodies) gets the keys derived from its body.
 */
final class TileImport {
  private static final Base64.Decoder BASE64 = Base64.getDecoder();

  private final PostgresLogStore store;
  private final ShardKeys keys;
  private final EntryKinds kinds;
  private final PrintStream out;

  TileImport(PostgresLogStore store, ShardKeys keys, EntryKinds kinds, PrintStream out) {
    this.store = store;
    this.keys = keys;
    this.kinds = kinds;
    this.out = out;
  }

  /**
   * Imports {@code root}.
   *
   * @return true when every tree was imported; false (nothing written) on any difference
   */
  boolean run(Path root) throws IOException, SQLException {
    Path manifestFile = root.resolve(ExportLayout.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      out.println(
          "import: FAILED: "
              + manifestFile
              + " is missing; import reads directories written by export (docs/lifecycle.md)");
      return false;
    }
    ExportLayout.Manifest manifest = ExportLayout.read(manifestFile, ExportLayout.Manifest.class);
    if (manifest.version() != ExportLayout.VERSION) {
      out.println(
          "import: FAILED: export format " + manifest.version() + ", want " + ExportLayout.VERSION);
      return false;
    }
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        store.lockFirstTreeCreation(c);
        for (String flavour : List.of(PostgresLogStore.REKOR_V1, PostgresLogStore.REKOR_V2)) {
          if (!store.trees(c, flavour).isEmpty()) {
            throw new AuditException(
                "the database already holds a "
                    + flavour
                    + " log; import only into a database no server has started on");
          }
        }
        for (String dir : manifest.trees()) {
          importTree(c, ExportLayout.treeDir(root, dir));
        }
        c.commit();
      } catch (AuditException | RuntimeException e) {
        c.rollback();
        out.println("import: FAILED, nothing imported: " + e.getMessage());
        return false;
      }
    }
    out.printf("import: OK: %d trees imported from %s%n", manifest.trees().size(), root);
    return true;
  }

  private void importTree(Connection c, Path dir) throws IOException, SQLException, AuditException {
    ExportLayout.TreeMeta meta =
        ExportLayout.read(dir.resolve("waxseal/tree.json"), ExportLayout.TreeMeta.class);
    String publicKey = meta.publicKey();
    if (publicKey == null) {
      throw new AuditException("tree " + meta.treeId() + " has no public key in " + dir);
    }
    byte[] der = BASE64.decode(publicKey);
    LogKey treeKey = SignedCheckpoints.key(der);
    if (!treeKey.fingerprint().equals(meta.logId())) {
      throw new AuditException(
          "tree "
              + meta.treeId()
              + ": logID "
              + meta.logId()
              + " is not its key's "
              + treeKey.fingerprint());
    }
    TreeRow row =
        new TreeRow(
            meta.treeId(),
            true,
            Hash.fromHex(meta.logId()),
            meta.virtualOffset(),
            meta.origin(),
            meta.keyId(),
            der,
            meta.tilePrefix(),
            meta.tileOrigin(),
            null);
    List<ExportLayout.CheckpointMeta> checkpoints = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("waxseal/checkpoints.jsonl"))) {
      checkpoints.add(ExportLayout.parseLine(line, ExportLayout.CheckpointMeta.class, dir));
    }
    List<LogKey> c2spKeys = new ArrayList<>(List.of(treeKey));
    String tileOrigin = meta.tileOrigin();
    if (meta.flavour().equals(PostgresLogStore.REKOR_V1) && tileOrigin != null) {
      c2spKeys.add(0, LogKey.fromVerifierKey(keys.tileVerifierKey(tileOrigin)));
    }
    ImportedTree tree = new ImportedTree(store, c, row, meta.flavour());
    int next = 0;
    boolean v1 = PostgresLogStore.REKOR_V1.equals(meta.flavour());
    int unindexed = 0;
    while (next < checkpoints.size() && checkpoints.get(next).size() == 0) {
      store(tree, checkpoints.get(next++), treeKey, c2spKeys);
    }
    long size = meta.size();
    for (long bundle = 0; bundle * TileGeometry.WIDTH < size; bundle++) {
      int width = (int) Math.min(TileGeometry.WIDTH, size - bundle * TileGeometry.WIDTH);
      List<byte[]> bodies =
          EntryBundle.decode(
              Files.readAllBytes(dir.resolve(TileGeometry.entriesPath(bundle, width))));
      List<String> lines = Files.readAllLines(dir.resolve(ExportLayout.entriesMetaPath(bundle)));
      if (bodies.size() != width || lines.size() != width) {
        throw new AuditException(
            dir
                + ": entry bundle "
                + bundle
                + " has "
                + bodies.size()
                + " entries and "
                + lines.size()
                + " metadata lines, want "
                + width);
      }
      for (int i = 0; i < width; i++) {
        ExportLayout.EntryMeta e =
            ExportLayout.parseLine(lines.get(i), ExportLayout.EntryMeta.class, dir);
        byte[] attestation = e.attestation() == null ? null : BASE64.decode(e.attestation());
        List<String> searchKeys = e.searchKeys();
        if (searchKeys.isEmpty() && v1) {
          searchKeys = storedSearchKeys(bodies.get(i), attestation);
          unindexed += searchKeys.isEmpty() ? 1 : 0;
        }
        tree.add(
            e.index(),
            e.kind(),
            e.apiVersion(),
            bodies.get(i),
            e.integratedTime(),
            BASE64.decode(e.entryTimestamp()),
            searchKeys,
            attestation);
        while (next < checkpoints.size() && checkpoints.get(next).size() == tree.size()) {
          store(tree, checkpoints.get(next++), treeKey, c2spKeys);
        }
      }
    }
    if (next != checkpoints.size()) {
      throw new AuditException(
          dir
              + ": checkpoint at size "
              + checkpoints.get(next).size()
              + " is not in size order or beyond the tree's "
              + size
              + " entries");
    }
    Hash root = tree.rootHash();
    if (tree.size() != size || !root.equals(Hash.fromHex(meta.rootHash()))) {
      throw new AuditException(
          dir
              + ": tree.json says size "
              + size
              + " root "
              + meta.rootHash()
              + ", the bundles hash to size "
              + tree.size()
              + " root "
              + root.hex());
    }
    requireTiles(dir, tree);
    Checkpoint served =
        SignedCheckpoints.verify(
            dir + "/checkpoint",
            Files.readString(dir.resolve("checkpoint"), StandardCharsets.UTF_8),
            c2spKeys);
    SignedCheckpoints.requireCommits(dir + "/checkpoint", served, size, root);
    tree.finish(meta.active());
    out.printf(
        "import: tree %d (%s, %s) size %d root %s: %d checkpoints verified against the rebuilt"
            + " tree%s%n",
        meta.treeId(),
        meta.flavour(),
        meta.active() ? "active" : "frozen",
        size,
        root.hex(),
        tree.checkpoints(),
        unindexed == 0 ? "" : "; " + unindexed + " entries without search keys");
  }

  /** The keys derived from a stored v1 body; none if it does not parse or its kind is unknown. */
  private List<String> storedSearchKeys(byte[] body, byte @Nullable [] attestation) {
    try {
      return kinds.storedSearchKeys(Json.parse(body, "entry body"), attestation);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static void store(
      ImportedTree tree, ExportLayout.CheckpointMeta c, LogKey treeKey, List<LogKey> c2spKeys)
      throws SQLException, AuditException {
    String what = "checkpoint at size " + c.size();
    Hash root = Hash.fromHex(c.rootHash());
    SignedCheckpoints.requireCommits(
        what, SignedCheckpoints.verify(what, c.note(), List.of(treeKey)), c.size(), root);
    String c2sp = c.c2spNote();
    if (c2sp != null) {
      SignedCheckpoints.requireCommits(
          what + " (C2SP note)",
          SignedCheckpoints.verify(what + " (C2SP note)", c2sp, c2spKeys),
          c.size(),
          root);
    }
    tree.checkpoint(c.size(), root, c.note(), c2sp, "the exported " + what);
  }

  /** The directory's tiles must be exactly the rebuilt ones: a tile client reads those. */
  private static void requireTiles(Path dir, ImportedTree tree) throws IOException, AuditException {
    for (Map.Entry<TileId, Tile> e : tree.tiles().entrySet()) {
      Path file = dir.resolve(TileGeometry.path(e.getKey(), e.getValue().width()));
      if (!Files.isRegularFile(file)
          || !Arrays.equals(Files.readAllBytes(file), e.getValue().bytes())) {
        throw new AuditException(
            dir
                + ": "
                + file.getFileName()
                + " of tile "
                + e.getKey()
                + " is missing or differs from the rebuilt tile");
      }
    }
  }
}
