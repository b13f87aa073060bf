package dev.waxseal.server.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tiny HTTP servers for tests: a static file server (what a bucket or nginx does with an export),
 * and a recorder that proxies a log's API and keeps every response, then replays them alone.
 */
final class StaticServer implements AutoCloseable {
  /** A recorded response. */
  record Recorded(int status, byte[] body) {}

  private final HttpServer server;

  private StaticServer(HttpServer server) {
    this.server = server;
    server.start();
  }

  /** Serves the files under {@code root}; 404 for anything else. */
  static StaticServer files(Path root) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, new Recorded(404, "not found\n".getBytes()));
          } else {
            send(exchange, new Recorded(200, Files.readAllBytes(file)));
          }
        });
    return new StaticServer(server);
  }

  /**
   * Proxies every request to {@code upstream} and records its response under {@link #key}, or, when
   * {@code upstream} is null, answers from {@code recording} only (404 when it has no answer).
   */
  static StaticServer recorder(URI upstream, Map<String, Recorded> recording) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String key = key(exchange.getRequestMethod(), exchange.getRequestURI(), body);
          Recorded answer;
          if (upstream == null) {
            answer = recording.getOrDefault(key, new Recorded(404, "not recorded\n".getBytes()));
          } else {
            HttpRequest.Builder request =
                HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()));
            if (body.length > 0) {
              request
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            }
            try {
              HttpResponse<byte[]> response =
                  http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
              answer = new Recorded(response.statusCode(), response.body());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException(e);
            }
            recording.put(key, answer);
          }
          send(exchange, answer);
        });
    return new StaticServer(server);
  }

  /** A new map to record into. */
  static Map<String, Recorded> recording() {
    return new ConcurrentHashMap<>();
  }

  /** The recording key of a request. */
  static String key(String method, URI uri, byte[] body) {
    return method + " " + uri + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, Recorded answer) throws IOException {
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  /** The server's base URL. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
