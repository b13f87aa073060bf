package dev.waxseal.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Forwards GETs to a server, and can answer 503 or cut tile bodies short instead. */
final class FaultProxy implements AutoCloseable {
  enum Fault {
    NONE,
    SERVER_ERROR,
    TRUNCATED_TILES
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final HttpServer server;
  private final URI target;
  volatile Fault fault = Fault.NONE;
  final AtomicInteger faults = new AtomicInteger();

  FaultProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().toString();
      if (fault == Fault.SERVER_ERROR) {
        faults.incrementAndGet();
        send(exchange, 503, "{\"code\":503,\"message\":\"overloaded\"}".getBytes());
        return;
      }
      HttpResponse<byte[]> response;
      try {
        response =
            HTTP.send(
                HttpRequest.newBuilder(target.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      byte[] body = response.body();
      if (fault == Fault.TRUNCATED_TILES && path.startsWith("/tile/") && body.length > 32) {
        faults.incrementAndGet();
        body = Arrays.copyOf(body, body.length - 7);
      }
      send(exchange, response.statusCode(), body);
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
