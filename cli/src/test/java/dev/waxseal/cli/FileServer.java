package dev.waxseal.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Serves a directory over HTTP, with faults to inject: the first {@code failures} requests get a
 * 503, and {@code rewrite} may change any body (to truncate a tile, say).
 */
public final class FileServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  public final AtomicInteger failures = new AtomicInteger();
  public final AtomicInteger requests = new AtomicInteger();
  public volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();

  public FileServer(Path root) throws IOException {
    this.root = root;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, 503, "overloaded".getBytes());
        return;
      }
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        send(exchange, 404, "not found".getBytes());
        return;
      }
      send(exchange, 200, rewrite.apply(Files.readAllBytes(file)));
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
