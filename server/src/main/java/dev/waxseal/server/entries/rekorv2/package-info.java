/**
 * Rekor v2 (rekor-tiles) entries: the {@code POST /api/v2/log/entries} request body read as
 * grpc-gateway's protojson mapping of {@code CreateEntryRequest}, verified as rekor-tiles' {@code
 * pkg/types/hashedrekord} and {@code pkg/types/dsse} (v2.2) verify it, and turned into the
 * canonical 0.0.2 body (RFC 8785 JCS of the protojson {@code Entry}) that becomes the Merkle leaf.
 *
 * <p>Also the error contract of that endpoint ({@link RekorV2Status}): gRPC status codes, the HTTP
 * status grpc-gateway maps them to and its {@code google.rpc.Status} JSON body, so that the HTTP
 * wiring only has to write what {@link RekorV2Status} says.
 *
 * <p>No storage, no HTTP. Depends on {@code dev.waxseal.server.entries} ({@code CanonicalEntry},
 * {@code CanonicalJson}), {@code dev.waxseal.server.entries.pki} (key parsing and signature
 * primitives), {@code dev.waxseal.merkle}, Bouncy Castle and Jackson.
 */
@NullMarked
package dev.waxseal.server.entries.rekorv2;

import org.jspecify.annotations.NullMarked;
