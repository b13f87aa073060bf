package dev.waxseal.server.storage;

/**
 * A tree's head row, locked by the caller's transaction, and whether the tree still takes writes as
 * of that lock (a rotation that froze it committed before the lock was granted).
 *
 * @param head the head as locked
 * @param active whether the tree is active
 */
public record LockedHead(HeadRow head, boolean active) {}
