/**
 * The {@code rpm} 0.0.1 entry kind: an RPM package with a header+payload OpenPGP signature,
 * verified with the sender's OpenPGP key. Mirrors Rekor's {@code pkg/types/rpm/v0.0.1} and the RPM
 * reading of {@code github.com/cavaliercoder/go-rpm}; the package is never stored and nothing is
 * fetched.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pgp}, {@code
 * dev.waxseal.server.entries.pki} and Bouncy Castle.
 */
@NullMarked
package dev.waxseal.server.entries.rpm;

import org.jspecify.annotations.NullMarked;
