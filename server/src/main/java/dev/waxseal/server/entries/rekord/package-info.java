/**
 * The {@code rekord} 0.0.1 entry kind: a detached signature over inline artifact content, in one of
 * four formats ({@code x509}, {@code ssh}, {@code minisign}, {@code pgp}), each parsed, verified
 * and re-encoded as Rekor's {@code pkg/pki/<format>} package does. Mirrors Rekor's {@code
 * pkg/types/rekord/v0.0.1}; content and URLs are never stored or fetched.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pki}, {@code
 * dev.waxseal.server.entries.pgp} and Bouncy Castle (including bcpg for OpenPGP).
 */
@NullMarked
package dev.waxseal.server.entries.rekord;

import org.jspecify.annotations.NullMarked;
