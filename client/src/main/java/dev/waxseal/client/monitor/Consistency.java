package dev.waxseal.client.monitor;

import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;

/** The checks between the last verified state and a newly verified checkpoint of the same tree. */
final class Consistency {
  private Consistency() {}

  /**
   * Refuses a rollback (a smaller tree) and a fork at the same size (another root).
   *
   * @throws VerificationException naming both sizes or both roots
   */
  static void check(MonitorState previous, Checkpoint checkpoint) throws VerificationException {
    Checkpoint before = Checkpoint.parse(SignedNote.parse(previous.checkpoint()).text());
    if (!before.origin().equals(checkpoint.origin())) {
      throw new VerificationException(
          "checkpoint origin changed from " + before.origin() + " to " + checkpoint.origin());
    }
    if (checkpoint.size() < previous.size()) {
      throw new VerificationException(
          "rollback: the log's checkpoint is size "
              + checkpoint.size()
              + ", smaller than the verified size "
              + previous.size());
    }
    if (checkpoint.size() == previous.size()
        && !checkpoint.rootHash().equals(previous.rootHash())) {
      throw new VerificationException(
          "fork: checkpoint of size "
              + checkpoint.size()
              + " has root "
              + checkpoint.rootHash().hex()
              + ", but root "
              + previous.rootHash().hex()
              + " was verified at that size");
    }
  }
}
