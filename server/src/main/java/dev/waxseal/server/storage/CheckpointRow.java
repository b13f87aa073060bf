package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code checkpoints}: a signed tree head, kept for every published size.
 *
 * @param treeId the tree
 * @param size the tree size it commits to
 * @param rootHash the root at {@code size}
 * @param note the signed note in Rekor v1's dialect
 * @param c2spNote the signed note in the C2SP dialect, when the log has an Ed25519 tiles key
 */
public record CheckpointRow(
    long treeId, long size, Hash rootHash, String note, @Nullable String c2spNote) {}
