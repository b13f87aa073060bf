package dev.waxseal.client.monitor;

import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.CompactRange;
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

  /**
   * Requires that the verified state at size {@code from}, extended by the entries read since
   * ({@code range}), hashes to {@code checkpoint}'s root.
   *
   * @param tree what to name the tree by in the message, e.g. {@code "tree 42: "}, or empty
   * @throws VerificationException naming both roots and the range of entries read
   */
  static void checkRoot(String tree, CompactRange range, long from, Checkpoint checkpoint)
      throws VerificationException {
    if (!range.rootHash().equals(checkpoint.rootHash())) {
      throw new VerificationException(
          tree
              + "checkpoint of size "
              + checkpoint.size()
              + " has root "
              + checkpoint.rootHash().hex()
              + ", but the verified state at size "
              + from
              + " and the log's entries ["
              + from
              + ", "
              + checkpoint.size()
              + ") hash to "
              + range.rootHash().hex());
    }
  }
}
