package dev.waxseal.bench.load;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies (microseconds, 3 significant digits) and status counts per operation, recorded by all
 * workers at once.
 */
final class Results {
  private final ConcurrentMap<String, Histogram> latencies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> statuses =
      new ConcurrentHashMap<>();

  void record(String operation, String status, long latencyNanos) {
    latencies
        .computeIfAbsent(operation, k -> new ConcurrentHistogram(3))
        .recordValue(Math.max(1, latencyNanos / 1000));
    statuses
        .computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, k -> new LongAdder())
        .increment();
  }

  /** Completed requests of {@code operation}, whatever their status. */
  long count(String operation) {
    Histogram h = latencies.get(operation);
    return h == null ? 0 : h.getTotalCount();
  }

  /** Completed requests of all operations. */
  long total() {
    return latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
  }

  /** Status counts of {@code operation}, sorted by status. */
  Map<String, Long> statuses(String operation) {
    Map<String, Long> counts = new TreeMap<>();
    statuses
        .getOrDefault(operation, new ConcurrentHashMap<>())
        .forEach((k, v) -> counts.put(k, v.sum()));
    return counts;
  }

  /** Prints one block per operation: rate over {@code seconds}, percentiles and status counts. */
  void print(PrintStream out, double seconds) {
    for (String operation : new TreeMap<>(latencies).keySet()) {
      Histogram h = latencies.get(operation);
      if (h == null) {
        continue;
      }
      out.printf(
          "%-8s %9d req  %9.1f req/s   latency ms: p50 %7.2f  p90 %7.2f  p99 %7.2f  p999 %7.2f"
              + "  max %7.2f  mean %7.2f%n",
          operation,
          h.getTotalCount(),
          h.getTotalCount() / seconds,
          ms(h.getValueAtPercentile(50)),
          ms(h.getValueAtPercentile(90)),
          ms(h.getValueAtPercentile(99)),
          ms(h.getValueAtPercentile(99.9)),
          ms(h.getMaxValue()),
          h.getMean() / 1000.0);
      out.printf("%-8s status   %s%n", operation, statuses(operation));
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
