package dev.waxseal.server.log;

import dev.waxseal.server.WaxsealApplication;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVM of {@link KillDuringAppendIT}: starts the log on the database given in its
 * arguments and appends until it is killed, printing one {@code ACK} line per entry the log
 * acknowledged (index, leaf hash, checkpoint size and root). Lines are flushed at once, so the
 * parent knows exactly what was acknowledged before the kill.
 */
public final class AppendUnderLoad {
  private AppendUnderLoad() {}

  /** Arguments: Spring command-line properties (datasource, key file, data dir). */
  public static void main(String[] args) throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WaxsealApplication.class)
            .web(WebApplicationType.NONE)
            .run(args);
    Appender appender = context.getBean(Appender.class);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("READY");
    Semaphore inFlight = new Semaphore(256);
    ExecutorService printer = Executors.newSingleThreadExecutor();
    while (true) {
      inFlight.acquire();
      PendingEntry entry = AppenderIT.entry("kill test " + UUID.randomUUID());
      appender
          .append(entry)
          .whenComplete(
              (r, e) -> {
                inFlight.release();
                if (e == null && r.entry() != null && r.checkpoint() != null) {
                  String line =
                      "ACK "
                          + r.entry().index()
                          + " "
                          + r.leafHash().hex()
                          + " "
                          + r.checkpoint().size()
                          + " "
                          + r.checkpoint().rootHash().hex();
                  printer.execute(() -> out.println(line));
                }
              });
    }
  }
}
