package dev.waxseal.server.witness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The witness's metrics, registered once: {@code waxseal.witness.requests} by outcome, so that
 * refused forks (409), bad proofs (422) and floods (429) show on a dashboard, not only in the log.
 */
final class WitnessMetrics {
  private static final Map<Integer, String> OUTCOMES =
      Map.of(
          200, "cosigned",
          400, "malformed",
          403, "bad_signature",
          404, "unknown_log",
          409, "conflict",
          413, "too_large",
          422, "bad_proof",
          429, "rate_limited",
          500, "error");

  private final Map<Integer, Counter> byStatus;
  private final Counter errors;

  WitnessMetrics(MeterRegistry registry) {
    byStatus =
        Map.copyOf(
            OUTCOMES.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e ->
                            Counter.builder("waxseal.witness.requests")
                                .description("add-checkpoint requests by outcome")
                                .tag("outcome", e.getValue())
                                .register(registry))));
    errors = Counter.builder("waxseal.witness.requests").tag("outcome", "error").register(registry);
  }

  /** Counts one answered request by its status (unknown statuses count as errors). */
  void answered(int status) {
    byStatus.getOrDefault(status, errors).increment();
  }
}
