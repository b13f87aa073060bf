/**
 * A log at scale: {@link dev.waxseal.bench.scale.ScaleLog} bulk-builds a log of many millions of
 * entries in a server's data directory, writing the same rows the appender writes (entries in their
 * tree's partition, search keys, tiles, checkpoints, the tree head) with COPY, and reports the
 * bytes each table and index takes. The server is then started on that directory and measured with
 * the load driver; {@code waxseal audit} verifies the result.
 */
@NullMarked
package dev.waxseal.bench.scale;

import org.jspecify.annotations.NullMarked;
