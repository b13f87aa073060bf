package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Traces as an OpenTelemetry collector receives them: the real server, tracing on, exports over
 * OTLP/HTTP (protobuf) to a receiver in this test, which decodes each request with the protocol's
 * generated classes. Concurrent appends share a batch (a batch waits up to 300 ms for company
 * here), and the test checks the relation the operations guide promises: every request span names
 * its batch span, which is a child of one of them and links to the others, and the commit is a
 * child span of the batch.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.tracing.export.enabled=true",
      "management.opentelemetry.tracing.export.schedule-delay=100ms",
      "waxseal.log.batch-max-age=300ms"
    })
class TracingIT extends PostgresIntegrationTest {
  private static final List<Span> RECEIVED = new CopyOnWriteArrayList<>();
  private static final HttpServer COLLECTOR = collector();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String REQUEST = "POST /api/v1/log/entries";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void otlpEndpoint(DynamicPropertyRegistry registry) {
    registry.add(
        "management.opentelemetry.tracing.export.otlp.endpoint",
        () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
  }

  @AfterAll
  static void stopCollector() {
    COLLECTOR.stop(0);
  }

  /** An OTLP/HTTP receiver of traces: decodes each export request and answers 200. */
  private static HttpServer collector() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/v1/traces",
          exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
              ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
              for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                  RECEIVED.addAll(scope.getSpansList());
                }
              }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void concurrentAppendsShowRequestBatchAndCommitSpansAndHowTheyRelate() throws Exception {
    String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callerSpan = "00f067aa0ba902b7";
    int requests = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(requests);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        Signers.Signed signed =
            Signers.signed(Signers.Key.P256, Signers.utf8("traced " + i), false, "");
        HttpRequest.Builder post =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/log/entries"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "traced-" + i)
                .POST(HttpRequest.BodyPublishers.ofString(signed.request()));
        if (i == 0) {
          post.header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01");
        }
        responses.add(
            threads.submit(
                () -> {
                  start.await();
                  return HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
                }));
      }
      start.countDown();
      for (Future<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(201);
      }
    } finally {
      threads.shutdownNow();
    }

    List<Span> requestSpans = awaitSpans(REQUEST, requests);
    // The batches those requests name; every one of them must have been exported.
    Map<String, Span> bySpanId =
        RECEIVED.stream().collect(Collectors.toMap(TracingIT::spanId, s -> s, (a, b) -> a));
    for (Span request : requestSpans) {
      assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
      assertThat(attribute(request, "http.route")).isEqualTo("/api/v1/log/entries");
      assertThat(attribute(request, "http.response.status_code")).isEqualTo("201");
      String batchId = attribute(request, "waxseal.batch.span_id");
      Span batch = awaitSpan(batchId, bySpanId);
      assertThat(batch.getName()).isEqualTo("waxseal.batch");
      assertThat(hex(batch.getTraceId())).isEqualTo(attribute(request, "waxseal.batch.trace_id"));
      boolean childOfThisRequest =
          batch.getTraceId().equals(request.getTraceId())
              && batch.getParentSpanId().equals(request.getSpanId());
      boolean linkedToThisRequest =
          batch.getLinksList().stream()
              .anyMatch(
                  l ->
                      l.getTraceId().equals(request.getTraceId())
                          && l.getSpanId().equals(request.getSpanId()));
      assertThat(childOfThisRequest ^ linkedToThisRequest)
          .as(
              "batch %s is either the child of request %s or linked to it",
              batchId, spanId(request))
          .isTrue();
      // The batch starts while its requests wait for it (it ends after answering them).
      assertThat(batch.getStartTimeUnixNano()).isGreaterThan(request.getStartTimeUnixNano());
      assertThat(batch.getStartTimeUnixNano()).isLessThan(request.getEndTimeUnixNano());
    }
    // Each batch: its size counts the requests that name it, and its commit is its child.
    Map<String, Long> requestsPerBatch =
        requestSpans.stream()
            .collect(
                Collectors.groupingBy(
                    r -> attribute(r, "waxseal.batch.span_id"), Collectors.counting()));
    for (Map.Entry<String, Long> batch : requestsPerBatch.entrySet()) {
      Span span = bySpanId.get(batch.getKey());
      assertThat(attribute(span, "waxseal.batch.size")).isEqualTo(batch.getValue().toString());
      assertThat(span.getLinksCount()).isEqualTo(batch.getValue() - 1);
      List<String> stages = childrenOf(span).stream().map(Span::getName).toList();
      assertThat(stages)
          .contains(
              "waxseal.batch.sign_entry_timestamps",
              "waxseal.batch.insert_entries",
              "waxseal.batch.sign_checkpoint",
              "waxseal.batch.commit");
    }
    // The request that came with a W3C traceparent continues its caller's trace.
    Span traced =
        requestSpans.stream()
            .filter(s -> "traced-0".equals(attribute(s, "waxseal.request_id")))
            .findFirst()
            .orElseThrow();
    assertThat(hex(traced.getTraceId())).isEqualTo(callerTrace);
    assertThat(hex(traced.getParentSpanId())).isEqualTo(callerSpan);
  }

  @Test
  void probesAndScrapesAreNotTraced() throws Exception {
    for (String path : new String[] {"/actuator/health/readiness", "/actuator/prometheus"}) {
      HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/log")).build(),
        HttpResponse.BodyHandlers.discarding());
    awaitSpans("GET /api/v1/log", 1);
    assertThat(RECEIVED).noneMatch(s -> attribute(s, "url.path").startsWith("/actuator"));
  }

  private static List<Span> awaitSpans(String name, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      List<Span> found = RECEIVED.stream().filter(s -> s.getName().equals(name)).toList();
      if (found.size() >= count || System.nanoTime() > deadline) {
        assertThat(found)
            .as("spans named %s among %s", name, names())
            .hasSizeGreaterThanOrEqualTo(count);
        return found;
      }
      Thread.sleep(50);
    }
  }

  private static Span awaitSpan(String spanId, Map<String, Span> bySpanId)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!bySpanId.containsKey(spanId) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      for (Span s : RECEIVED) {
        bySpanId.putIfAbsent(spanId(s), s);
      }
    }
    assertThat(bySpanId).as("span %s among %s", spanId, names()).containsKey(spanId);
    return bySpanId.get(spanId);
  }

  private static List<Span> childrenOf(Span parent) {
    return RECEIVED.stream()
        .filter(
            s ->
                s.getTraceId().equals(parent.getTraceId())
                    && s.getParentSpanId().equals(parent.getSpanId()))
        .toList();
  }

  private static List<String> names() {
    return RECEIVED.stream().map(Span::getName).toList();
  }

  private static String spanId(Span span) {
    return hex(span.getSpanId());
  }

  private static String hex(com.google.protobuf.ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  /** An attribute's value as text, or "" when the span has none of that name. */
  private static String attribute(Span span, String key) {
    Function<KeyValue, String> text =
        kv ->
            switch (kv.getValue().getValueCase()) {
              case STRING_VALUE -> kv.getValue().getStringValue();
              case INT_VALUE -> Long.toString(kv.getValue().getIntValue());
              case BOOL_VALUE -> Boolean.toString(kv.getValue().getBoolValue());
              case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
              default -> kv.getValue().toString();
            };
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(text)
        .findFirst()
        .orElse("");
  }
}
