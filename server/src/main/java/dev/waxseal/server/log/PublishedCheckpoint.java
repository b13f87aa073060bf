package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint the log signed and stored.
 *
 * @param treeId the tree
 * @param size the tree size
 * @param rootHash the root at {@code size}
 * @param note the signed note (Rekor v1 dialect)
 * @param c2spNote the C2SP checkpoint signed in the same transaction (null only for heads stored
 *     before the tile API existed)
 */
public record PublishedCheckpoint(
    long treeId, long size, Hash rootHash, String note, @Nullable String c2spNote) {}
