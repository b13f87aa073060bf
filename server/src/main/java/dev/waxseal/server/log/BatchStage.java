package dev.waxseal.server.log;

/**
 * The steps of a batch at which a failure can happen, named for fault-injection tests (sunlight's
 * table: "fails, nothing persisted" and "fails after it persisted"): the transaction's steps, and
 * after its commit the update of this process's memory (tile cache, known head).
 */
enum BatchStage {
  SIGN_ENTRY_TIMESTAMPS,
  INSERT_ENTRIES,
  WRITE_TILES,
  SIGN_CHECKPOINT,
  WRITE_CHECKPOINT,
  COMMIT,
  /** After commit: the committed tiles into the tile cache, the new head into the tree's view. */
  UPDATE_MEMORY;

  /** Told before and after each stage; production uses {@link #NONE}. */
  interface Listener {
    Listener NONE = new Listener() {};

    /** Called before {@code stage} runs. */
    default void before(BatchStage stage) {}

    /** Called after {@code stage} has run (for {@link #COMMIT}: the batch is durable). */
    default void after(BatchStage stage) {}
  }
}
