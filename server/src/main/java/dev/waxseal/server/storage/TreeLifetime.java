package dev.waxseal.server.storage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a tree was made and, if it is frozen, when it stopped taking entries: the {@code validFor}
 * of its key in a Sigstore trusted root.
 *
 * @param treeId the tree
 * @param flavour {@code rekor_v1} or {@code rekor_v2}
 * @param createdAt when the tree was made
 * @param frozenAt when it was frozen; null while it is active
 */
public record TreeLifetime(
    long treeId, String flavour, Instant createdAt, @Nullable Instant frozenAt) {}
