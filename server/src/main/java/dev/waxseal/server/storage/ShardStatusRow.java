package dev.waxseal.server.storage;

/**
 * What the metrics of one tree (shard) are made of, read in one statement for all trees.
 *
 * @param treeId the tree
 * @param active whether the tree takes writes
 * @param size the head's size
 * @param createdMillis when the tree was created (Unix milliseconds, the database's clock)
 * @param checkpointMillis when the head's checkpoint was stored (Unix milliseconds, the database's
 *     clock: the start of the transaction that signed it)
 * @param lastIntegratedSeconds the integrated time of the tree's last entry (Unix seconds, the
 *     appender's clock), or -1 if the tree is empty
 */
public record ShardStatusRow(
    long treeId,
    boolean active,
    long size,
    long createdMillis,
    long checkpointMillis,
    long lastIntegratedSeconds) {}
