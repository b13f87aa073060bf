package dev.waxseal.cli;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.monitor.Progress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command writes: findings and {@code --json} results as JSON lines on stdout, messages on
 * stderr, and a progress bar on stderr only when attached to a terminal.
 */
final class Console {
  final PrintWriter out;
  final PrintWriter err;
  private final boolean json;
  private final boolean terminal;

  Console(PrintWriter out, PrintWriter err, OutputOptions options) {
    this.out = out;
    this.err = err;
    this.json = options.json;
    this.terminal = !options.noProgress && System.console() != null;
  }

  /** Prints a result: a JSON line with {@code --json}, else a human line on stderr. */
  void result(String status, String message, Map<String, Object> details) {
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "result");
      line.put("status", status);
      line.put("message", message);
      line.putAll(details);
      out.println(Json.MAPPER.writeValueAsString(line));
      out.flush();
    } else {
      err.println("waxseal: " + status + ": " + message);
      err.flush();
    }
  }

  /** A progress bar on a terminal, nothing otherwise. */
  Progress progress(String what) {
    if (!terminal) {
      return Progress.none();
    }
    long started = System.nanoTime();
    return (done, total) -> {
      int width = 30;
      int filled = total == 0 ? width : (int) (width * done / total);
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      err.printf(
          "\r%s [%s%s] %d/%d entries, %.0f/s",
          what, "#".repeat(filled), " ".repeat(width - filled), done, total, done / seconds);
      if (done >= total) {
        err.println();
      }
      err.flush();
    };
  }
}
