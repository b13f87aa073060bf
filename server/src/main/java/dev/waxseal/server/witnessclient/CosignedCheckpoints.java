package dev.waxseal.server.witnessclient;

import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.WitnessPolicy;
import dev.waxseal.server.log.CheckpointGate;
import dev.waxseal.server.log.CheckpointNotPublishedException;
import dev.waxseal.server.log.LogReadException;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What readers see: each C2SP checkpoint with its stored cosignature lines; in fail-closed mode,
 * the newest checkpoint whose lines meet the policy (for the tile API and, through {@link
 * #visible}, for the Rekor v1 API, whose notes never carry the lines: see docs/witness.md).
 *
 * <p>In fail-closed mode the answer for a tree is kept for {@link #MEMO_NANOS} or until this
 * process stores a cosignature, so v1 reads do not each query the cosignature table.
 */
final class CosignedCheckpoints implements CheckpointGate {
  /** How many cosigned checkpoints fail-closed mode looks back for one that meets the policy. */
  private static final int LOOK_BACK = 64;

  private static final long MEMO_NANOS = 100_000_000L;

  private final WitnessPolicy policy;
  private final WitnessMode mode;
  private final PostgresLogStore store;
  private final CosignatureStore cosignatures;
  private final Map<Long, Memo> memo = new ConcurrentHashMap<>();

  /** The newest policy-meeting checkpoint of a tree when its latest was {@code latestSize}. */
  private record Memo(long latestSize, long size, String note, long at) {}

  CosignedCheckpoints(
      WitnessPolicy policy,
      WitnessMode mode,
      PostgresLogStore store,
      CosignatureStore cosignatures) {
    this.policy = policy;
    this.mode = mode;
    this.store = store;
    this.cosignatures = cosignatures;
  }

  /** Forgets the fail-closed answer for {@code treeId}: a cosignature for it was just stored. */
  void cosigned(long treeId) {
    memo.remove(treeId);
  }

  @Override
  public String visibleC2sp(Tree tree, long size, String note) {
    if (mode == WitnessMode.FAIL_OPEN) {
      return withLines(note, cosignatures.cosignatures(tree.treeId(), size));
    }
    return witnessed(tree.treeId(), size, note).note();
  }

  @Override
  public PublishedCheckpoint visible(PublishedCheckpoint latest) {
    if (mode == WitnessMode.FAIL_OPEN) {
      return latest;
    }
    long treeId = latest.treeId();
    Memo met = witnessed(treeId, latest.size(), null);
    if (met.size() == latest.size()) {
      return latest;
    }
    CheckpointRow row = row(treeId, met.size());
    return new PublishedCheckpoint(treeId, row.size(), row.rootHash(), row.note(), row.c2spNote());
  }

  /**
   * The newest checkpoint of {@code treeId} up to {@code latestSize} that meets the policy, with
   * its lines.
   *
   * @throws CheckpointNotPublishedException if none of the last {@link #LOOK_BACK} cosigned ones
   *     does
   */
  private Memo witnessed(
      long treeId, long latestSize, @org.jspecify.annotations.Nullable String latestNote) {
    Memo known = memo.get(treeId);
    if (known != null
        && known.latestSize() == latestSize
        && System.nanoTime() - known.at() < MEMO_NANOS) {
      return known;
    }
    Map<Long, List<String>> recent = cosignatures.recentCosignatures(treeId, latestSize, LOOK_BACK);
    for (Map.Entry<Long, List<String>> candidate : recent.entrySet()) {
      long size = candidate.getKey();
      String note = size == latestSize && latestNote != null ? latestNote : c2spNote(treeId, size);
      String cosigned = withLines(note, candidate.getValue());
      try {
        policy.requireQuorum(SignedNote.parse(cosigned));
      } catch (NoteVerificationException | NoteFormatException e) {
        continue;
      }
      Memo found = new Memo(latestSize, size, cosigned, System.nanoTime());
      memo.put(treeId, found);
      return found;
    }
    throw new CheckpointNotPublishedException(
        "no checkpoint of tree "
            + treeId
            + " meets the witness policy \""
            + policy.quorumName()
            + "\" yet (WAXSEAL_WITNESS_MODE=fail-closed): the witnesses have not cosigned one;"
            + " see waxseal_witness_client_requests_total",
        Duration.ofSeconds(1));
  }

  private String c2spNote(long treeId, long size) {
    String note = row(treeId, size).c2spNote();
    if (note == null) {
      throw new LogReadException(
          "checkpoint " + size + " of tree " + treeId + " has no C2SP note",
          new IllegalStateException("cosigned checkpoint without a C2SP note"));
    }
    return note;
  }

  private CheckpointRow row(long treeId, long size) {
    try {
      return store
          .checkpoint(treeId, size)
          .orElseThrow(
              () -> new SQLException("tree " + treeId + " has no checkpoint at size " + size));
    } catch (SQLException e) {
      throw new LogReadException("cannot read a cosigned checkpoint", e);
    }
  }

  private static String withLines(String note, List<String> lines) {
    if (lines.isEmpty()) {
      return note;
    }
    StringBuilder out = new StringBuilder(note);
    lines.forEach(out::append);
    return out.toString();
  }
}
