/**
 * The {@code intoto} entry kinds, 0.0.1 (a DSSE envelope string and one key) and 0.0.2 (the
 * envelope's parts, a key per signature). Mirrors Rekor's {@code pkg/types/intoto/v0.0.1} and
 * {@code v0.0.2}; both keep the decoded payload as the entry's attestation.
 *
 * <p>Depends on {@code dev.waxseal.server.entries} and {@code dev.waxseal.server.entries.pki}.
 */
@NullMarked
package dev.waxseal.server.entries.intoto;

import org.jspecify.annotations.NullMarked;
