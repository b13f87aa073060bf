package dev.waxseal.server.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL postmaster left running on a data directory by a server that was killed.
 *
 * <p>The embedded postmaster is a child process of the JVM. When the JVM dies by {@code kill -9} it
 * survives as an orphan that still holds the data directory, and the next start would fail on its
 * lock file. The postmaster writes its PID on the first line of {@code postmaster.pid}; if that
 * process is alive and is a postgres process, a fast shutdown (SIGTERM) is asked for, and a kill
 * after a timeout. PostgreSQL's crash recovery then replays the WAL on the next start, so no
 * committed transaction is lost.
 */
final class OrphanedPostmaster {
  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private OrphanedPostmaster() {}

  /** Stops the postmaster recorded in {@code dataDir/postmaster.pid} if it is still running. */
  static void stopIfRunning(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = livePostmaster(pidFile);
    if (postmaster.isEmpty()) {
      return; // stale lock file: PostgreSQL itself ignores it when the PID is gone
    }
    ProcessHandle process = postmaster.get();
    log.atWarn()
        .addKeyValue("pid", process.pid())
        .addKeyValue("directory", dataDir)
        .log("found a running postmaster from an earlier server process; stopping it");
    process.destroy();
    if (!awaitExit(process)) {
      process.destroyForcibly();
      if (!awaitExit(process)) {
        throw new IOException(
            "postmaster "
                + process.pid()
                + " holding "
                + dataDir
                + " did not stop; stop it by hand");
      }
    }
  }

  private static Optional<ProcessHandle> livePostmaster(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
  }

  private static boolean awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
