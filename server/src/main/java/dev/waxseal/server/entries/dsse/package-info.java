/**
 * The {@code dsse} 0.0.1 entry kind: a DSSE envelope with the keys or certificates that verify
 * every one of its signatures. Mirrors Rekor's {@code pkg/types/dsse/v0.0.1}.
 *
 * <p>Depends on {@code dev.waxseal.server.entries} and {@code dev.waxseal.server.entries.pki}.
 */
@NullMarked
package dev.waxseal.server.entries.dsse;

import org.jspecify.annotations.NullMarked;
