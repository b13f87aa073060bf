package dev.waxseal.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options every mode shares: where to send, how hard and for how long. */
public final class TargetOptions {
  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:3000",
      description = "The server's base URL (default: ${DEFAULT-VALUE}).")
  URI url = URI.create("http://127.0.0.1:3000");

  @Option(
      names = {"-c", "--concurrency"},
      defaultValue = "16",
      description = "Connections, each with one request in flight (default: ${DEFAULT-VALUE}).")
  int concurrency = 16;

  @Option(
      names = "--loops",
      defaultValue = "1",
      description =
          "Driver threads sharing the connections, each with its own selector (default: ${DEFAULT-VALUE}).")
  int loops = 1;

  @Option(
      names = {"-d", "--duration"},
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Measured time, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  Duration duration = Duration.ofSeconds(60);

  @Option(
      names = "--warmup",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "Time before measuring, requests sent but not counted (default: ${DEFAULT-VALUE}).")
  Duration warmup = Duration.ofSeconds(5);

  @Option(
      names = {"-n", "--count"},
      defaultValue = "9223372036854775807",
      description = "Stop after this many measured requests (default: no limit).")
  long count = Long.MAX_VALUE;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--allow-remote", description = "Allow a host that is not a loopback address.")
  boolean allowRemote;

  @Option(
      names = "--interval",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Also print the 2xx responses per second of each interval of this length, e.g. 10s"
              + " (default: only the totals).")
  Duration interval = Duration.ZERO;

  @Option(
      names = "--wait-ready",
      description =
          "After preparing the requests, wait until the server's /actuator/health/readiness"
              + " answers 200 (start the server then: the load begins the moment it is ready).")
  boolean waitReady;

  /**
   * The base URL, checked: http, and a loopback host unless {@code --allow-remote}.
   *
   * @throws IllegalArgumentException otherwise
   */
  URI checkedUrl() throws UnknownHostException {
    String scheme = url.getScheme();
    String host = url.getHost();
    if (host == null || !"http".equals(scheme)) {
      throw new IllegalArgumentException("--url " + url + ": want http://host:port");
    }
    if (!allowRemote) {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "--url host "
                  + host
                  + " resolves to "
                  + address.getHostAddress()
                  + ", not a loopback address; pass --allow-remote to load a remote server");
        }
      }
    }
    if (loops < 1) {
      throw new IllegalArgumentException("--loops " + loops + ", want at least 1");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency " + concurrency + ", want at least 1");
    }
    return url;
  }

  /** The closed loop of these options for {@code workload}, against {@link #checkedUrl()}. */
  ClosedLoop closedLoop(Workload workload) throws UnknownHostException {
    URI base = checkedUrl();
    int port = base.getPort() < 0 ? 80 : base.getPort();
    return new ClosedLoop(
        new InetSocketAddress(InetAddress.getByName(base.getHost()), port),
        workload,
        concurrency,
        loops,
        count,
        timeout);
  }

  /**
   * With {@code --wait-ready}, polls the readiness probe every 20 ms until it answers 200 (for at
   * most ten minutes), and prints how long it waited.
   */
  void awaitReady(PrintStream out) throws InterruptedException {
    if (!waitReady) {
      return;
    }
    HttpClient client = client();
    HttpRequest probe =
        HttpRequest.newBuilder(url.resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long start = System.nanoTime();
    long giveUp = start + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < giveUp) {
      try {
        if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          out.printf("ready    after waiting %.2f s%n", (System.nanoTime() - start) / 1e9);
          return;
        }
      } catch (IOException e) {
        // Not listening yet: keep polling.
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(url + " was not ready within ten minutes");
  }

  /** An HTTP/1.1 client for the few requests outside the measured loop. */
  HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Prints {@code /proc/loadavg} (where there is one) with a label. */
  static void printLoad(PrintStream out, String label) {
    try {
      String load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
      out.printf("loadavg  %-6s %s%n", label, load);
    } catch (IOException e) {
      out.printf("loadavg  %-6s unavailable%n", label);
    }
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      if (text.startsWith("pt")) {
        return Duration.parse(text);
      }
      int unit = 0;
      while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
        unit++;
      }
      if (unit == 0) {
        throw new IllegalArgumentException("duration " + value + ": want e.g. 30s, 2m, 500ms");
      }
      long amount = Long.parseLong(text.substring(0, unit));
      return switch (text.substring(unit)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s", "" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("duration " + value + ": unit ms, s, m or h");
      };
    }
  }
}
