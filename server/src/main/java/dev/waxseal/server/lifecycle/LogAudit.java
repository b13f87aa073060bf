package dev.waxseal.server.lifecycle;

import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.server.storage.LogSnapshot;
import dev.waxseal.server.storage.LogSnapshot.SnapshotTree;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@code audit}: every tree of the database (every Rekor v1 shard and the Rekor v2 log) recomputed
 * from its entries and every stored checkpoint checked, in one consistent snapshot. Prints a line
 * per tree and ends with {@code audit: OK} or {@code audit: FAILED: <the first difference>}.
 */
final class LogAudit {
  private final DataSource dataSource;
  private final Function<SnapshotTree, Optional<LogKey>> tileKeys;
  private final PrintStream out;

  /**
   * An audit of the database behind {@code dataSource}; {@code tileKeys} gives the key of a v1
   * tree's C2SP checkpoints where this server has it configured.
   */
  LogAudit(
      DataSource dataSource, Function<SnapshotTree, Optional<LogKey>> tileKeys, PrintStream out) {
    this.dataSource = dataSource;
    this.tileKeys = tileKeys;
    this.out = out;
  }

  /**
   * Audits every tree; {@code knownCheckpointFiles} are signed checkpoints from outside (a
   * witness's or monitor's latest, an archived one), each checked against the tree of its origin.
   *
   * @return true only when every tree and every checkpoint holds
   */
  boolean run(List<Path> knownCheckpointFiles) throws SQLException, IOException {
    long started = System.nanoTime();
    long entries = 0;
    int checkpoints = 0;
    int archived = 0;
    try (LogSnapshot snapshot = LogSnapshot.open(dataSource)) {
      List<SnapshotTree> trees = snapshot.trees();
      if (trees.isEmpty()) {
        out.println("audit: FAILED: the database holds no log (no trees)");
        return false;
      }
      List<Known> known = readKnown(knownCheckpointFiles, trees);
      for (SnapshotTree tree : trees) {
        List<TreeAudit.KnownCheckpoint> mine = new ArrayList<>();
        for (Known k : known) {
          if (k.tree().row().treeId() == tree.row().treeId()) {
            mine.add(k.checkpoint());
          }
        }
        TreeAudit audit = new TreeAudit(snapshot, tree, tileKeys.apply(tree), mine);
        if (!tree.row().active() && snapshot.entriesArchived(tree.row().treeId())) {
          // Its entries are in the archive, not here: what is left (tiles, checkpoints) is checked.
          TreeAudit.Report report = audit.runArchived();
          archived++;
          checkpoints += report.checkpoints();
          out.printf(
              "audit: tree %d (%s, frozen, ARCHIVED, virtual offset %d) size %d root %s: entries"
                  + " archived (not in this database, not rehashed); %d stored tiles give the"
                  + " root of %d checkpoints (%d signatures) verified%s%n",
              tree.row().treeId(),
              tree.flavour(),
              tree.row().virtualOffset(),
              report.size(),
              report.rootHash().hex(),
              report.tiles(),
              report.checkpoints(),
              report.signatures(),
              mine.isEmpty() ? "" : ", " + mine.size() + " known checkpoint(s) consistent");
          continue;
        }
        TreeAudit.Report report = audit.run();
        entries += report.size();
        checkpoints += report.checkpoints();
        out.printf(
            "audit: tree %d (%s, %s, virtual offset %d) size %d root %s: %d entries rehashed,"
                + " %d tiles recomputed, %d checkpoints (%d signatures) verified%s%n",
            tree.row().treeId(),
            tree.flavour(),
            tree.row().active() ? "active" : "frozen",
            tree.row().virtualOffset(),
            report.size(),
            report.rootHash().hex(),
            report.size(),
            report.tiles(),
            report.checkpoints(),
            report.signatures(),
            mine.isEmpty() ? "" : ", " + mine.size() + " known checkpoint(s) consistent");
      }
      out.printf(
          "audit: OK: %d trees%s, %d entries, %d checkpoints in %d ms%n",
          trees.size(),
          archived == 0 ? "" : " (" + archived + " archived: entries not audited)",
          entries,
          checkpoints,
          (System.nanoTime() - started) / 1_000_000);
      return true;
    } catch (AuditException e) {
      out.println("audit: FAILED: " + e.getMessage());
      return false;
    }
  }

  /**
   * The cheap part of {@link #run} for a server about to start: each of {@code
   * knownCheckpointFiles} is verified and matched to its tree by origin, and every active tree (one
   * the server would append to) whose stored size is below a known checkpoint's is named. A frozen
   * tree is never appended to again, so it cannot fork: that is what {@code new-shard} relies on.
   *
   * @return what is rolled back, empty when nothing is
   * @throws AuditException if a file is not a checkpoint of a tree of this log, signed by its key
   */
  List<String> rollbacks(List<Path> knownCheckpointFiles)
      throws SQLException, IOException, AuditException {
    List<String> behind = new ArrayList<>();
    try (LogSnapshot snapshot = LogSnapshot.open(dataSource)) {
      for (Known k : readKnown(knownCheckpointFiles, snapshot.trees())) {
        long size = k.tree().head().size();
        if (k.tree().row().active() && k.checkpoint().checkpoint().size() > size) {
          behind.add(
              "tree "
                  + k.tree().row().treeId()
                  + " holds "
                  + size
                  + " entries, but "
                  + k.checkpoint().source()
                  + " is its checkpoint for size "
                  + k.checkpoint().checkpoint().size());
        }
      }
    }
    return behind;
  }

  private record Known(SnapshotTree tree, TreeAudit.KnownCheckpoint checkpoint) {}

  /** Reads, matches by origin and verifies each known checkpoint. */
  private List<Known> readKnown(List<Path> files, List<SnapshotTree> trees)
      throws IOException, AuditException {
    List<Known> known = new ArrayList<>();
    for (Path file : files) {
      String note = Files.readString(file);
      String origin;
      try {
        origin = Checkpoint.parse(SignedNote.parse(note).text()).origin();
      } catch (IllegalArgumentException e) {
        throw new AuditException("known checkpoint " + file + " is not a signed checkpoint", e);
      }
      SnapshotTree tree =
          trees.stream()
              .filter(t -> origin.equals(t.row().origin()) || origin.equals(t.row().tileOrigin()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AuditException(
                          "known checkpoint " + file + ": no tree has the origin " + origin));
      List<LogKey> keys = new ArrayList<>();
      byte[] publicKey = tree.row().publicKeyDer();
      if (publicKey != null) {
        keys.add(SignedCheckpoints.key(publicKey));
      }
      tileKeys.apply(tree).ifPresent(keys::add);
      Checkpoint checkpoint = SignedCheckpoints.verify("known checkpoint " + file, note, keys);
      known.add(new Known(tree, new TreeAudit.KnownCheckpoint(file.toString(), checkpoint)));
    }
    return known;
  }
}
