/**
 * An RFC 3161 timestamp authority in the Waxseal service, on sigstore/timestamp-authority's HTTP
 * API ({@code POST /api/v1/timestamp}, {@code GET /api/v1/timestamp/certchain}): keyless signers
 * need a signed time beside a Rekor v2 log, which records none.
 *
 * <p>{@link dev.waxseal.server.tsa.TimestampAuthority} is a plain class (request rules and token
 * generation with Bouncy Castle's TSP); the controller and configuration are the Spring edges.
 * Depends on Bouncy Castle and Spring only; no other Waxseal feature.
 */
@NullMarked
package dev.waxseal.server.tsa;

import org.jspecify.annotations.NullMarked;
