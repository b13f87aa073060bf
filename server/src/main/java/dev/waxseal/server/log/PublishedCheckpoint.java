package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;

/**
 * A checkpoint the log signed and stored.
 *
 * @param treeId the tree
 * @param size the tree size
 * @param rootHash the root at {@code size}
 * @param note the signed note (Rekor v1 dialect)
 */
public record PublishedCheckpoint(long treeId, long size, Hash rootHash, String note) {}
