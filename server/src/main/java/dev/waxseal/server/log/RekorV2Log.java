package dev.waxseal.server.log;

/**
 * The Rekor v2 log hosted beside the v1 shards: a tree of its own flavour with its own appender
 * (the same batched append path, one transaction per batch), reader and C2SP checkpoints. Kept
 * together in one object so that the v1 log's beans of the same types stay the only ones of their
 * type.
 *
 * @param tree the v2 log's tree
 * @param appender appends to it
 * @param reader reads its entries, proofs and tiles
 * @param checkpoints its C2SP checkpoints (origin = its host name)
 */
public record RekorV2Log(
    LogTree tree, Appender appender, LogReader reader, C2spCheckpoints checkpoints)
    implements AutoCloseable {
  /** Stops the appender (as the v1 log's is stopped on shutdown). */
  @Override
  public void close() throws InterruptedException {
    appender.close();
  }
}
