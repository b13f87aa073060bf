package dev.waxseal.server.ratelimit;

import org.jspecify.annotations.Nullable;

/** The routes that share a limit. */
enum RouteGroup {
  /** Adding entries: the expensive, durable requests. */
  WRITES,
  /** Everything else a client asks of the API and tile routes. */
  READS;

  /** The name used in metrics and messages. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The group of a request, or null for the actuator, which probes and Prometheus use and which is
   * never limited. The path is the one the API's path filter has already cleaned, so {@code
   * //api/v1/log/entries/} counts as a write too.
   */
  static @Nullable RouteGroup of(String method, String path) {
    if (path.equals("/actuator") || path.startsWith("/actuator/")) {
      return null;
    }
    if (method.equals("POST")
        && (path.equals("/api/v1/log/entries") || path.equals("/api/v2/log/entries"))) {
      return WRITES;
    }
    return READS;
  }
}
