/**
 * The {@code hashedrekord} 0.0.1 entry kind: a signature over an artifact digest, with the public
 * key or certificate that verifies it. Mirrors Rekor's {@code pkg/types/hashedrekord/v0.0.1}.
 *
 * <p>Depends on {@code dev.waxseal.server.entries} and {@code dev.waxseal.server.entries.pki}.
 */
@NullMarked
package dev.waxseal.server.entries.hashedrekord;

import org.jspecify.annotations.NullMarked;
