package dev.waxseal.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Prometheus text exposition of a monitor daemon on {@code /metrics}. */
final class Metrics implements AutoCloseable {
  private final HttpServer server;

  Metrics(int port, MonitorCommand monitor) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          String body =
              "# TYPE waxseal_monitor_tree_size gauge\n"
                  + "waxseal_monitor_tree_size "
                  + monitor.treeSize.get()
                  + "\n# TYPE waxseal_monitor_passes_total counter\n"
                  + "waxseal_monitor_passes_total "
                  + monitor.passesTotal.get()
                  + "\n# TYPE waxseal_monitor_findings_total counter\n"
                  + "waxseal_monitor_findings_total "
                  + monitor.findingsTotal.get()
                  + "\n# TYPE waxseal_monitor_failures_total counter\n"
                  + "waxseal_monitor_failures_total "
                  + monitor.failuresTotal.get()
                  + "\n";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
