/**
 * The HTTP load driver: {@link dev.waxseal.bench.load.LoadDriver} writes pre-generated, validly
 * signed hashedrekord entries to a running server, or reads entries and consistency proofs at
 * random, from a fixed number of closed-loop workers, and prints throughput, latency percentiles
 * and status counts.
 */
@NullMarked
package dev.waxseal.bench.load;

import org.jspecify.annotations.NullMarked;
