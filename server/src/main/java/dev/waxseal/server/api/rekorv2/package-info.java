/**
 * The Rekor v2 write API ({@code POST /api/v2/log/entries}, rekor-tiles' grpc-gateway mapping) of
 * the v2 log hosted beside the v1 shards. Requests are verified and canonicalized by {@code
 * entries.rekorv2}, appended by the log's batched appender, and answered after commit with a
 * protojson {@code TransparencyLogEntry}. Reads are the tile API ({@code api.tiles}).
 */
@NullMarked
package dev.waxseal.server.api.rekorv2;

import org.jspecify.annotations.NullMarked;
