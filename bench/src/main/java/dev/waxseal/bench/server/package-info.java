/**
 * JMH benchmarks of the server's per-request work without HTTP or the database: hashedrekord
 * verification and canonicalization per key type, RFC 8785 canonical JSON, and signing SETs and
 * checkpoints with the log key. The server's classes come from its repackaged jar (see {@code
 * bench/pom.xml}).
 */
@NullMarked
package dev.waxseal.bench.server;

import org.jspecify.annotations.NullMarked;
