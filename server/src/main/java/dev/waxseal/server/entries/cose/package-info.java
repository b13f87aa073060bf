/**
 * The {@code cose} 0.0.1 entry kind: a COSE_Sign1 message (RFC 9052 §4.2) verified with an X.509
 * key or certificate, as Rekor's {@code pkg/types/cose/v0.0.1} does with veraison/go-cose.
 *
 * <p>Includes the small strict CBOR (RFC 8949) reader COSE needs, so that the kind has no CBOR
 * library dependency. Depends on {@code dev.waxseal.server.entries}, {@code
 * dev.waxseal.server.entries.pki} and Bouncy Castle.
 */
@NullMarked
package dev.waxseal.server.entries.cose;

import org.jspecify.annotations.NullMarked;
