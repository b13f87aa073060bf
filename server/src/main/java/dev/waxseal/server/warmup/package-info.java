/**
 * A warm-up of the append path's CPU work that the readiness probe waits for (docs/operations.md
 * "Fast start"). Depends on entries, signing and merkle; the API and the rate limits ask {@link
 * dev.waxseal.server.warmup.WarmupRequests} which requests are its own, and nothing else depends on
 * it.
 */
@NullMarked
package dev.waxseal.server.warmup;

import org.jspecify.annotations.NullMarked;
