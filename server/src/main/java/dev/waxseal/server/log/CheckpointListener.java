package dev.waxseal.server.log;

/**
 * Hears of each checkpoint this process's appender published, after its batch committed (the
 * witness client sends it to witnesses). Runs on the integrator thread, so it must return at once
 * and never throw: hand the work to another thread.
 */
public interface CheckpointListener {
  /** Called once per committed batch that published {@code checkpoint}. */
  void published(PublishedCheckpoint checkpoint);
}
