/**
 * Per-client rate limits on the public API: a token bucket per client and route group (writes,
 * reads), refused with 429, {@code Retry-After} and Rekor's error body. Off unless a limit is set.
 * Limits are per replica: see {@link RateLimitProperties}. Depends on no other feature.
 */
@NullMarked
package dev.waxseal.server.ratelimit;

import org.jspecify.annotations.NullMarked;
