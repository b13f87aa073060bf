package dev.waxseal.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver's loop against the JDK's own HTTP server on loopback. */
class ClosedLoopTest {
  static {
    // Else the JDK server's separate header and body writes wait out delayed ACKs (40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServer server;
  private final Map<String, Integer> seen = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          seen.merge(query, 1, Integer::sum);
          byte[] body = ("{\"query\":\"" + query + "\"}").getBytes(StandardCharsets.UTF_8);
          int status = query.endsWith("7") ? 404 : 200;
          if (query.endsWith("3")) {
            exchange.getResponseHeaders().add("Connection", "close");
          }
          // Every fifth response is chunked (length 0 means "unknown" to the JDK server).
          boolean chunked = query.endsWith("5");
          exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Sends GET /?i for i in [0, count), and checks each response names its own request. */
  private static final class Numbered implements Workload {
    private final HttpRequests http;
    private final int count;
    private final AtomicInteger next = new AtomicInteger();
    final AtomicInteger mismatched = new AtomicInteger();

    Numbered(URI base, int count) {
      this.http = new HttpRequests(base);
      this.count = count;
    }

    @Override
    public @Nullable Call next() {
      int i = next.getAndIncrement();
      return i < count ? new Call("get", http.get("/?" + i), i) : null;
    }

    @Override
    public void onResponse(Call call, int status, byte[] body, boolean measured) {
      String expected = "{\"query\":\"" + call.tag() + "\"}";
      if (!expected.equals(new String(body, StandardCharsets.UTF_8))) {
        mismatched.incrementAndGet();
      }
    }
  }

  @Test
  void sendsEveryRequestOnceAndCountsEachStatus() throws Exception {
    InetSocketAddress address = server.getAddress();
    URI base = URI.create("http://127.0.0.1:" + address.getPort());
    Numbered workload = new Numbered(base, 1000);

    ClosedLoop.Summary summary =
        new ClosedLoop(address, workload, 8, 2, Long.MAX_VALUE, Duration.ofSeconds(10))
            .run(Duration.ZERO, Duration.ofMinutes(1));

    assertThat(summary.results().total()).isEqualTo(1000);
    assertThat(summary.results().statuses("get"))
        .containsOnly(Map.entry("200", 900L), Map.entry("404", 100L));
    assertThat(seen).hasSize(1000).allSatisfy((query, times) -> assertThat(times).isEqualTo(1));
    assertThat(workload.mismatched).hasValue(0);
    assertThat(summary.reconnects()).as("one per Connection: close").isEqualTo(100);
  }

  @Test
  void stopsAfterTheMeasuredCount() throws Exception {
    InetSocketAddress address = server.getAddress();
    URI base = URI.create("http://127.0.0.1:" + address.getPort());

    ClosedLoop.Summary summary =
        new ClosedLoop(address, new Numbered(base, 10_000), 4, 1, 250, Duration.ofSeconds(10))
            .run(Duration.ZERO, Duration.ofMinutes(1));

    assertThat(summary.results().total()).isEqualTo(250);
  }
}
