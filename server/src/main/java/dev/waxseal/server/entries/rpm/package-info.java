/**
 * The {@code rpm} 0.0.1 entry kind: an RPM package whose OpenPGP signatures (header-only, as {@code
 * rpmsign} writes them since rpm 4.16, and/or header+payload) verify with the sender's OpenPGP key.
 * Mirrors Rekor v1.5.4's {@code pkg/types/rpm/v0.0.1} and the RPM reading and checks of {@code
 * github.com/sassoftware/go-rpmutils} v0.4.0; the package is never stored and nothing is fetched.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pgp} and
 * Bouncy Castle.
 */
@NullMarked
package dev.waxseal.server.entries.rpm;

import org.jspecify.annotations.NullMarked;
