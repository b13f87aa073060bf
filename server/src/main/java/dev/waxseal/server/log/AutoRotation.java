package dev.waxseal.server.log;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the shard once it holds {@code maxSize} entries ({@code WAXSEAL_SHARD_MAX_SIZE}). Runs on
 * the integrator thread after each batch, so this process's next batch waits for it; other
 * processes' batches wait on the head lock the rotation takes.
 */
final class AutoRotation implements Appender.AfterCommit {
  private static final Logger log = LoggerFactory.getLogger(AutoRotation.class);

  private final ShardRotation rotation;
  private final long maxSize;

  AutoRotation(ShardRotation rotation, long maxSize) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("max size " + maxSize + " is not positive");
    }
    this.rotation = rotation;
    this.maxSize = maxSize;
  }

  @Override
  public void published(PublishedCheckpoint checkpoint) {
    if (checkpoint.size() < maxSize) {
      return;
    }
    try {
      rotation.rotateIfFull(checkpoint.treeId(), maxSize);
    } catch (SQLException | RuntimeException e) {
      // The batch is committed and answered; the shard just grows past its size until the next
      // batch tries again. Nothing is lost, so the appender carries on.
      log.atError()
          .addKeyValue("tree_id", checkpoint.treeId())
          .addKeyValue("tree_size", checkpoint.size())
          .setCause(e)
          .log("automatic rotation failed; the next batch retries");
    }
  }
}
