package dev.waxseal.server.warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the warm-up: requests to the server's own port over loopback, so that Tomcat,
 * the filters, Spring MVC, Jackson and the JDBC read path are compiled before clients arrive.
 *
 * <p>It writes nothing: its POSTs are well-formed hashedrekord entries whose signature is over
 * other bytes ({@link Warmup#rejectedRequest}), which the server parses and verifies in full and
 * then refuses with 400 before the append path; its GETs are reads (the log's info and public key,
 * and, once the log has entries, entries by index and consistency proofs). Every request carries
 * the {@link WarmupRequests} token, so none is counted or rate-limited.
 */
final class LoopbackWarmup {
  private static final Pattern TREE_SIZE = Pattern.compile("\"treeSize\"\\s*:\\s*(\\d+)");
  private static final int BODIES = 16;

  private final HttpClient http;
  private final String base;
  private final List<String> bodies = new ArrayList<>();
  private long treeSize;
  private int next;

  /** Requests to {@code http://127.0.0.1:port}. Not thread-safe: one per thread. */
  LoopbackWarmup(int port) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + port;
    for (int i = 0; i < BODIES; i++) {
      bodies.add(Warmup.rejectedRequest(i));
    }
  }

  /**
   * One rejected POST of an entry and one read.
   *
   * @throws IllegalStateException if the server answered the POST with anything but 400, which
   *     would mean the request was not refused as intended: the warm-up then stops
   */
  void step() throws IOException, InterruptedException {
    int i = next++;
    int status =
        send(
            request("/api/v1/log/entries")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        bodies.get(i % BODIES), StandardCharsets.UTF_8)));
    if (status != 400) {
      throw new IllegalStateException(
          "the warm-up's entry with a wrong signature got "
              + status
              + ", not 400; warm-up stopped");
    }
    String path =
        switch (i % 4) {
          case 0 -> null;
          case 1 -> treeSize > 0 ? "/api/v1/log/entries?logIndex=" + (i % treeSize) : null;
          case 2 -> treeSize > 1 ? "/api/v1/log/proof?firstSize=1&lastSize=" + treeSize : null;
          default -> "/api/v1/log/publicKey";
        };
    if (path == null) {
      HttpResponse<String> info =
          http.send(request("/api/v1/log").GET().build(), HttpResponse.BodyHandlers.ofString());
      Matcher size = TREE_SIZE.matcher(info.body());
      if (info.statusCode() == 200 && size.find()) {
        treeSize = Long.parseLong(size.group(1));
      }
    } else {
      send(request(path).GET());
    }
  }

  private int send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header(WarmupRequests.HEADER, WarmupRequests.token());
  }
}
