/**
 * The {@code jar} 0.0.1 entry kind: a signed Java archive, verified as Rekor's {@code
 * pkg/types/jar/v0.0.1} does with relic's {@code signjar.Verify}, stored as its PKCS #7 signature,
 * signing certificate and SHA-256.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pki} and
 * Bouncy Castle (bcpkix CMS). Reads ZIP archives itself, from memory, through the central directory
 * as Go's {@code archive/zip} does.
 */
@NullMarked
package dev.waxseal.server.entries.jar;

import org.jspecify.annotations.NullMarked;
