/**
 * What an operator reads besides metrics: a request id on every request (in the logs' MDC and the
 * response), for structured logs that can be joined with a proxy's or a client's. Depends on no
 * other feature.
 */
@NullMarked
package dev.waxseal.server.observability;

import org.jspecify.annotations.NullMarked;
