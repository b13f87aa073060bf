package dev.waxseal.server.log;

import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored C2SP checkpoints (c2sp.org/tlog-checkpoint) of the active tree, as the tile API serves
 * them. Each was signed and stored with its Rekor v1 twin in the batch that published the head.
 */
public final class C2spCheckpoints {
  private static final Logger log = LoggerFactory.getLogger(C2spCheckpoints.class);

  private final PostgresLogStore store;
  private final LogTree tree;
  private final C2spCheckpointSigner signer;

  /** Creates a reader of the active tree's C2SP checkpoints in {@code store}. */
  public C2spCheckpoints(PostgresLogStore store, LogTree tree, C2spCheckpointSigner signer) {
    this.store = store;
    this.tree = tree;
    this.signer = signer;
  }

  /**
   * Returns the signed C2SP checkpoint note of the active tree's current head.
   *
   * <p>A head published before the log had a tiles key has no stored C2SP note; it is then signed
   * here from the stored size and root. That signs no new head (the head is stored, so it is
   * consistent with every other) and, Ed25519 being deterministic, gives the same bytes on every
   * call. The next batch stores a note as usual.
   *
   * @throws LogReadException if the database cannot be read
   */
  public String latest() {
    long treeId = tree.activeTreeId();
    CheckpointRow row;
    try {
      row =
          store
              .latestCheckpoint(treeId)
              .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"));
    } catch (SQLException e) {
      throw new LogReadException("cannot read the latest checkpoint", e);
    }
    String note = row.c2spNote();
    if (note != null) {
      return note;
    }
    log.atInfo()
        .addKeyValue("tree_id", treeId)
        .addKeyValue("tree_size", row.size())
        .log("head has no stored C2SP checkpoint; signing it from the stored head");
    return signer.sign(row.size(), row.rootHash());
  }
}
