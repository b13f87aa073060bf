/**
 * A warm-up of the append path's CPU work that the readiness probe waits for (docs/operations.md
 * "Fast start"). Depends on entries, signing and merkle; nothing depends on it.
 */
@NullMarked
package dev.waxseal.server.warmup;

import org.jspecify.annotations.NullMarked;
