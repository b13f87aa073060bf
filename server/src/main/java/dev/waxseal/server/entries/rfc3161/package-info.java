/**
 * The {@code rfc3161} 0.0.1 entry kind: an RFC 3161 time-stamp response, checked and stored as
 * Rekor's {@code pkg/types/rfc3161/v0.0.1} does.
 *
 * <p>Depends on {@code dev.waxseal.server.entries} and Bouncy Castle (bcpkix CMS).
 */
@NullMarked
package dev.waxseal.server.entries.rfc3161;

import org.jspecify.annotations.NullMarked;
