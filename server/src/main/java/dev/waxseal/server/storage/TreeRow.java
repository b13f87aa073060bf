package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code trees}: one log tree (a Rekor v1 shard) and everything that identifies it.
 *
 * @param treeId the tree's random positive id (Rekor's treeID)
 * @param active whether the tree takes writes
 * @param logId SHA-256 of the DER public key the tree is signed with
 * @param virtualOffset the virtual index of the tree's leaf 0 across all trees
 * @param origin the Rekor v1 checkpoint origin, {@code "<hostname> - <treeID>"}
 * @param keyId the configured key that signs the tree ({@code default} or a shard key's id)
 * @param publicKeyDer the key's DER SubjectPublicKeyInfo; null only for a tree migrated from V1
 *     whose key no server has confirmed yet
 * @param tilePrefix the tree's path under the tile API prefix: empty or {@code /<treeID>}
 * @param tileOrigin the C2SP checkpoint origin; null only for a tree migrated from V1 before the
 *     server filled it in
 * @param finalSize the size at which the tree was frozen; null while it is active
 */
@SuppressWarnings("ArrayRecordComponent") // the key bytes pass through from JDBC untouched
public record TreeRow(
    long treeId,
    boolean active,
    Hash logId,
    long virtualOffset,
    String origin,
    String keyId,
    byte @Nullable [] publicKeyDer,
    String tilePrefix,
    @Nullable String tileOrigin,
    @Nullable Long finalSize) {}
