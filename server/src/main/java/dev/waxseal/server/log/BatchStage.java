package dev.waxseal.server.log;

/**
 * The steps of a batch's transaction at which a failure can happen, named for fault-injection tests
 * (sunlight's table: "fails, nothing persisted" and "fails after it persisted").
 */
enum BatchStage {
  SIGN_ENTRY_TIMESTAMPS,
  INSERT_ENTRIES,
  WRITE_TILES,
  SIGN_CHECKPOINT,
  WRITE_CHECKPOINT,
  COMMIT;

  /** Told before and after each stage; production uses {@link #NONE}. */
  interface Listener {
    Listener NONE = new Listener() {};

    /** Called before {@code stage} runs. */
    default void before(BatchStage stage) {}

    /** Called after {@code stage} has run (for {@link #COMMIT}: the batch is durable). */
    default void after(BatchStage stage) {}
  }
}
