/**
 * JMH benchmarks of {@code waxseal-merkle}: leaf hashing, compact-range and tile appends, and proof
 * building and verification over a synthetic 2^30-leaf tiled tree. Depends on merkle and JMH only.
 * Run the shaded jar: {@code java -jar bench/target/benchmarks.jar}.
 */
@NullMarked
package dev.waxseal.bench;

import org.jspecify.annotations.NullMarked;
