package dev.waxseal.server.log;

/**
 * Decides which checkpoint readers see as a tree's latest. Without witnessing (and in fail-open
 * witnessing) it is the latest stored; in fail-closed witnessing it is the newest one whose
 * cosignatures meet the witness policy, so a checkpoint counts as published only once witnessed.
 */
public interface CheckpointGate {
  /**
   * Returns the checkpoint readers see, given the latest stored one of its tree.
   *
   * @throws CheckpointNotPublishedException if no checkpoint of the tree may be shown yet
   * @throws LogReadException if the database fails
   */
  PublishedCheckpoint visible(PublishedCheckpoint latest);

  /**
   * Returns the C2SP checkpoint note the tile API serves for {@code tree}, given its latest stored
   * note at {@code size}: that note, or an older one, with any witness cosignature lines.
   *
   * @throws CheckpointNotPublishedException if no checkpoint of the tree may be shown yet
   * @throws LogReadException if the database fails
   */
  String visibleC2sp(Tree tree, long size, String note);

  /** Shows every checkpoint as stored. */
  CheckpointGate NONE =
      new CheckpointGate() {
        @Override
        public PublishedCheckpoint visible(PublishedCheckpoint latest) {
          return latest;
        }

        @Override
        public String visibleC2sp(Tree tree, long size, String note) {
          return note;
        }
      };
}
