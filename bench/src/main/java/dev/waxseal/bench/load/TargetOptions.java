package dev.waxseal.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
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
