package dev.waxseal.client.monitor;

/** Told how far a long scan has got; the command line draws a bar when on a terminal. */
public interface Progress {
  /** {@code done} of {@code total} entries are processed; called from one thread at a time. */
  void update(long done, long total);

  /** Progress that goes nowhere. */
  static Progress none() {
    return (done, total) -> {};
  }
}
