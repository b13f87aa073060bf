package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;

/**
 * A row of {@code trees}.
 *
 * @param treeId the tree's random positive id (Rekor's treeID)
 * @param active whether the tree takes writes
 * @param logId SHA-256 of the DER public key the tree is signed with
 * @param virtualOffset the virtual index of the tree's leaf 0 across all trees
 */
public record TreeRow(long treeId, boolean active, Hash logId, long virtualOffset) {}
