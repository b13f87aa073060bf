/**
 * The {@code helm} 0.0.1 entry kind: a Helm chart's provenance file, clear-signed with OpenPGP,
 * verified with the sender's OpenPGP key. Mirrors Rekor's {@code pkg/types/helm/v0.0.1}; the
 * provenance is never stored and nothing is fetched.
 *
 * <p>Depends on {@code dev.waxseal.server.entries}, {@code dev.waxseal.server.entries.pgp}, {@code
 * dev.waxseal.server.entries.pki}, Bouncy Castle and SnakeYAML.
 */
@NullMarked
package dev.waxseal.server.entries.helm;

import org.jspecify.annotations.NullMarked;
