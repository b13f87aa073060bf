/**
 * The {@code alpine} 0.0.1 entry kind: an Alpine Linux package ({@code .apk}) signed with {@code
 * abuild-sign}, verified with the sender's PEM key. Mirrors Rekor's {@code pkg/types/alpine/v0.0.1}
 * and {@code apk.go}; the package is never stored and nothing is fetched.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pki}, Bouncy
 * Castle and Commons Compress (tar).
 */
@NullMarked
package dev.waxseal.server.entries.alpine;

import org.jspecify.annotations.NullMarked;
