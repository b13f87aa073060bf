package dev.waxseal.server.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Names the client of a request: its source address, or the entry of a trusted proxy's header that
 * the proxy wrote.
 */
final class ClientKeys {
  private final @Nullable String header;
  private final int hops;

  ClientKeys(@Nullable String header, int hops) {
    this.header = header;
    this.hops = hops;
  }

  /**
   * The client: with a header configured, its {@code hops}-th comma-separated entry from the right
   * (over all occurrences of the header, in order); the source address when the header is missing
   * or has fewer entries, as for a request that came past the proxy (a probe inside the cluster).
   */
  String client(String remoteAddress, java.util.Enumeration<String> headerValues) {
    if (header == null) {
      return remoteAddress;
    }
    StringBuilder joined = new StringBuilder();
    while (headerValues.hasMoreElements()) {
      if (!joined.isEmpty()) {
        joined.append(',');
      }
      joined.append(headerValues.nextElement());
    }
    String[] entries = joined.toString().split(",", -1);
    if (joined.isEmpty() || entries.length < hops) {
      return remoteAddress;
    }
    String entry = entries[entries.length - hops].strip();
    return entry.isEmpty() ? remoteAddress : entry;
  }

  /** The configured header's name, or null when clients are known by their source address. */
  @Nullable String header() {
    return header;
  }
}
