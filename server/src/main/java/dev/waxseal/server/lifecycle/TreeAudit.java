package dev.waxseal.server.lifecycle;

import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileProofs;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.EntryRow;
import dev.waxseal.server.storage.LogSnapshot;
import dev.waxseal.server.storage.LogSnapshot.SnapshotTree;
import dev.waxseal.server.storage.TileRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Audits one tree of a snapshot: recomputes every leaf hash from its entry body, the tree and its
 * tiles from the leaves alone, and checks every stored checkpoint (its row, its signed notes and
 * their signatures) against the recomputed root at its size. Also detects a tree whose data is
 * behind a checkpoint it signed: a stored checkpoint, a witness's cosigned size or a checkpoint the
 * operator gives, larger than the stored tree (a restore that rolled the log back).
 */
final class TreeAudit {
  /** What one audited tree holds. */
  record Report(
      SnapshotTree tree, long size, Hash rootHash, int tiles, int checkpoints, int signatures) {}

  /** A checkpoint known from outside the database (a witness, a monitor, an archive). */
  record KnownCheckpoint(String source, Checkpoint checkpoint) {}

  /** A difference found inside a stream of rows; unwrapped into an {@link AuditException}. */
  private static final class Difference extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Difference(String message) {
      super(message, null, false, false);
    }
  }

  private final LogSnapshot snapshot;
  private final SnapshotTree tree;
  private final Optional<LogKey> tileKey;
  private final List<KnownCheckpoint> known;

  /**
   * An audit of {@code tree}; C2SP notes are checked with {@code tileKey} where given, and {@code
   * known} are the outside checkpoints of this tree (by origin).
   */
  TreeAudit(
      LogSnapshot snapshot,
      SnapshotTree tree,
      Optional<LogKey> tileKey,
      List<KnownCheckpoint> known) {
    this.snapshot = snapshot;
    this.tree = tree;
    this.tileKey = tileKey;
    this.known = known;
  }

  private String name() {
    return "tree " + tree.row().treeId() + " (" + tree.flavour() + ")";
  }

  /**
   * Runs the audit.
   *
   * @throws AuditException at the first difference, naming the tree and the index or size
   */
  Report run() throws SQLException, AuditException {
    long size = tree.head().size();
    Long finalSize = tree.row().finalSize();
    if (finalSize != null && finalSize != size) {
      throw new AuditException(name() + ": frozen at size " + finalSize + ", head has " + size);
    }
    List<CheckpointRow> checkpoints = snapshot.checkpoints(tree.row().treeId());
    requireNotAhead(size, checkpoints);
    TreeMap<Long, List<Claim>> claims = claims(size, checkpoints);
    TreeRecompute recompute = replay(size, claims);
    int tiles = compareTiles(recompute.tiles());
    int signatures = verifyNotes(checkpoints);
    return new Report(tree, size, recompute.rootHash(), tiles, checkpoints.size(), signatures);
  }

  /**
   * Audits a frozen tree whose entries were archived (detached from the database): nothing can be
   * rehashed, but every stored checkpoint (and known one, and the head) must have the root the
   * stored tiles give at its size, and its notes must verify. That the tiles are the entries' is
   * for an audit of the archive, restored.
   *
   * @throws AuditException at the first difference
   */
  Report runArchived() throws SQLException, AuditException {
    long size = tree.head().size();
    Long finalSize = tree.row().finalSize();
    if (finalSize == null || finalSize != size) {
      throw new AuditException(
          name()
              + ": archived, but not frozen at its head size "
              + size
              + " (final "
              + finalSize
              + ")");
    }
    List<CheckpointRow> checkpoints = snapshot.checkpoints(tree.row().treeId());
    requireNotAhead(size, checkpoints);
    Map<TileId, Tile> stored = new java.util.HashMap<>();
    for (TileRow row : snapshot.tiles(tree.row().treeId())) {
      TileId id = new TileId(row.level(), row.index());
      stored.put(id, Tile.of(id, row.hashes()));
    }
    TileProofs fromTiles =
        new TileProofs(
            ids ->
                ids.stream()
                    .map(
                        id -> {
                          Tile tile = stored.get(id);
                          if (tile == null) {
                            throw new Difference(name() + ": archived: tile " + id + " is missing");
                          }
                          return tile;
                        })
                    .toList());
    TreeMap<Long, List<Claim>> claims = claims(size, checkpoints);
    try {
      for (Map.Entry<Long, List<Claim>> at : claims.entrySet()) {
        Hash root = fromTiles.rootHash(at.getKey());
        for (Claim claim : at.getValue()) {
          if (!claim.rootHash().equals(root)) {
            throw new AuditException(
                name()
                    + ": archived: "
                    + claim.what()
                    + " has root "
                    + claim.rootHash().hex()
                    + ", the stored tiles give "
                    + root.hex());
          }
        }
      }
    } catch (Difference | IllegalStateException e) {
      throw new AuditException(String.valueOf(e.getMessage()));
    }
    int signatures = verifyNotes(checkpoints);
    return new Report(
        tree, size, fromTiles.rootHash(size), stored.size(), checkpoints.size(), signatures);
  }

  private record Claim(Hash rootHash, String what) {}

  /**
   * Every size whose root must be checked, with what claims it: the stored checkpoints, the known
   * ones and the head; a checkpoint must be stored at the head size.
   */
  private TreeMap<Long, List<Claim>> claims(long size, List<CheckpointRow> checkpoints)
      throws AuditException {
    TreeMap<Long, List<Claim>> claims = new TreeMap<>();
    for (CheckpointRow row : checkpoints) {
      claim(claims, row.size(), row.rootHash(), "stored checkpoint at size " + row.size());
    }
    for (KnownCheckpoint k : known) {
      claim(
          claims,
          k.checkpoint().size(),
          k.checkpoint().rootHash(),
          "known checkpoint at size " + k.checkpoint().size() + " (" + k.source() + ")");
    }
    claim(claims, size, tree.head().rootHash(), "tree head at size " + size);
    if (checkpoints.stream().noneMatch(c -> c.size() == size)) {
      throw new AuditException(name() + ": no checkpoint stored at the head size " + size);
    }
    return claims;
  }

  private static void claim(TreeMap<Long, List<Claim>> claims, long size, Hash root, String what) {
    claims.computeIfAbsent(size, s -> new ArrayList<>()).add(new Claim(root, what));
  }

  /** A tree whose data is behind a checkpoint it published was rolled back (docs). */
  private void requireNotAhead(long size, List<CheckpointRow> checkpoints)
      throws SQLException, AuditException {
    List<String> ahead = new ArrayList<>();
    for (CheckpointRow row : checkpoints) {
      if (row.size() > size) {
        ahead.add("a stored checkpoint at size " + row.size());
      }
    }
    for (LogSnapshot.WitnessSize w : snapshot.witnessSizes(tree.row().treeId())) {
      if (w.size() > size) {
        ahead.add("witness " + w.witnessKey().substring(0, 16) + "… cosigned size " + w.size());
      }
    }
    for (KnownCheckpoint k : known) {
      if (k.checkpoint().size() > size) {
        ahead.add(
            "a checkpoint signed for size " + k.checkpoint().size() + " (" + k.source() + ")");
      }
    }
    if (!ahead.isEmpty()) {
      throw new AuditException(
          name()
              + ": ROLLED BACK: the tree holds "
              + size
              + " entries, but "
              + String.join(", ", ahead)
              + " exists; entries acknowledged after the backup are gone. Do not serve this"
              + " tree: freeze it and start a new shard (docs/backup-restore.md)");
    }
  }

  private TreeRecompute replay(long size, TreeMap<Long, List<Claim>> claims)
      throws SQLException, AuditException {
    TreeRecompute recompute = new TreeRecompute();
    checkClaims(claims, recompute);
    try {
      snapshot.entries(
          tree.row().treeId(),
          size,
          (EntryRow row) -> {
            long want = recompute.size();
            if (row.index() != want) {
              throw new Difference(
                  name() + ": entry " + want + " is missing (next is " + row.index() + ")");
            }
            Hash computed = Rfc6962.leafHash(row.body());
            if (!computed.equals(row.leafHash())) {
              throw new Difference(
                  name()
                      + ": entry "
                      + row.index()
                      + ": stored leaf hash "
                      + row.leafHash().hex()
                      + ", its body hashes to "
                      + computed.hex());
            }
            recompute.add(computed);
            try {
              checkClaims(claims, recompute);
            } catch (AuditException e) {
              throw new Difference(String.valueOf(e.getMessage()));
            }
          });
    } catch (Difference d) {
      throw new AuditException(String.valueOf(d.getMessage()));
    }
    if (recompute.size() != size) {
      throw new AuditException(
          name() + ": entries end at index " + recompute.size() + ", the head says size " + size);
    }
    return recompute;
  }

  private void checkClaims(TreeMap<Long, List<Claim>> claims, TreeRecompute recompute)
      throws AuditException {
    List<Claim> at = claims.get(recompute.size());
    if (at == null) {
      return;
    }
    Hash root = recompute.size() == 0 ? Rfc6962.emptyRoot() : recompute.rootHash();
    for (Claim claim : at) {
      if (!claim.rootHash().equals(root)) {
        throw new AuditException(
            name()
                + ": "
                + claim.what()
                + " has root "
                + claim.rootHash().hex()
                + ", the entries hash to "
                + root.hex());
      }
    }
  }

  private int compareTiles(Map<TileId, Tile> computed) throws SQLException, AuditException {
    List<TileRow> stored = snapshot.tiles(tree.row().treeId());
    for (TileRow row : stored) {
      TileId id = new TileId(row.level(), row.index());
      Tile want = computed.get(id);
      if (want == null) {
        throw new AuditException(name() + ": stored tile " + id + " is not part of the tree");
      }
      if (!Arrays.equals(row.hashes(), want.bytes())) {
        throw new AuditException(
            name()
                + ": stored tile "
                + id
                + " (width "
                + row.width()
                + ") differs from the recomputed one (width "
                + want.width()
                + ")");
      }
    }
    if (stored.size() != computed.size()) {
      throw new AuditException(
          name() + ": " + stored.size() + " tiles stored, the tree has " + computed.size());
    }
    return stored.size();
  }

  private int verifyNotes(List<CheckpointRow> checkpoints) throws AuditException {
    byte[] publicKey = tree.row().publicKeyDer();
    if (publicKey == null) {
      throw new AuditException(name() + ": has no stored public key to verify its checkpoints");
    }
    List<LogKey> treeKey = List.of(SignedCheckpoints.key(publicKey));
    List<LogKey> c2spKeys = new ArrayList<>(treeKey);
    tileKey.ifPresent(k -> c2spKeys.add(0, k));
    int signatures = 0;
    for (CheckpointRow row : checkpoints) {
      String what = name() + ": checkpoint at size " + row.size();
      Checkpoint v1 = SignedCheckpoints.verify(what, row.note(), treeKey);
      SignedCheckpoints.requireCommits(what, v1, row.size(), row.rootHash());
      if (tree.flavour().equals("rekor_v1") && !v1.origin().equals(tree.row().origin())) {
        throw new AuditException(
            what + ": origin " + v1.origin() + ", the tree's is " + tree.row().origin());
      }
      signatures++;
      String c2sp = row.c2spNote();
      if (c2sp != null) {
        Checkpoint tiles = SignedCheckpoints.verify(what + " (C2SP note)", c2sp, c2spKeys);
        SignedCheckpoints.requireCommits(what + " (C2SP note)", tiles, row.size(), row.rootHash());
        signatures++;
      }
    }
    return signatures;
  }
}
