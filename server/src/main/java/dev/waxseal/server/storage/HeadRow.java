package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;

/**
 * A row of {@code tree_head}: the tree's size and root as last published.
 *
 * @param treeId the tree
 * @param size the number of leaves
 * @param rootHash the root at {@code size}
 */
public record HeadRow(long treeId, long size, Hash rootHash) {}
