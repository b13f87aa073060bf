package dev.waxseal.cli;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.monitor.Finding;
import dev.waxseal.client.monitor.MonitorState;
import dev.waxseal.client.monitor.RekorScanner;
import dev.waxseal.client.monitor.RekorTileShards;
import dev.waxseal.client.monitor.TileScanner;
import dev.waxseal.client.monitor.WatchList;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code waxseal monitor}: follow a log, verify every checkpoint and entry, report watched items.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Follow a log: verify each new checkpoint against the last verified one (saved in --state),"
          + " read and verify every new entry (from tiles where the log has them, else the v1"
          + " API), and print each entry matching the watch list as a JSON line.",
      "With --once: one pass, then exit 0 (nothing found), 1 (found), 2 (verification failed) or"
          + " 3 (could not complete; the state is not advanced). Without it: repeat every"
          + " --interval until verification fails (exit 2)."
    },
    exitCodeOnInvalidInput = ExitCode.USAGE)
final class MonitorCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Mixin LogOptions log = new LogOptions();
  @Mixin OutputOptions output = new OutputOptions();

  @Option(
      names = "--state",
      required = true,
      paramLabel = "FILE",
      description = "The verified state (created on the first run, replaced atomically).")
  @Nullable Path state;

  @Option(
      names = "--watch",
      paramLabel = "FILE",
      description =
          "watch.yaml with optional lists emails, uris, issuers (exact, or /regex/),"
              + " fingerprints (hex SHA-256 of DER SPKI), digests and subjects (sha256:<hex>).")
  @Nullable Path watch;

  @Option(names = "--once", description = "One pass, then exit (for cron and CI).")
  boolean once;

  @Option(
      names = "--from-head",
      description =
          "Without a state yet: start at the log's latest checkpoint (verified, and its compact"
              + " range taken from the right-edge tiles) instead of reading its history. Tiles"
              + " only.")
  boolean fromHead;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "Pause between passes without --once (default: ${DEFAULT-VALUE}).")
  long intervalSeconds = 300;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Serve Prometheus /metrics on this port (daemon mode).")
  @Nullable Integer metricsPort;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "POST each finding's JSON line to this URL as well.")
  @Nullable URI webhook;

  final AtomicLong treeSize = new AtomicLong();
  final AtomicLong findingsTotal = new AtomicLong();
  final AtomicLong failuresTotal = new AtomicLong();
  final AtomicLong passesTotal = new AtomicLong();

  @Override
  public Integer call() throws InterruptedException, IOException {
    Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
    WatchList watchList;
    try {
      watchList = watch == null ? WatchList.empty() : WatchFile.read(watch);
      Log.witnesses(log);
    } catch (IllegalArgumentException | IOException e) {
      console.result("bad_input", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.USAGE;
    }
    if (once) {
      return pass(console, watchList);
    }
    try (Metrics metrics = metricsPort == null ? null : new Metrics(metricsPort, this)) {
      while (true) {
        int code = pass(console, watchList);
        if (code == ExitCode.VERIFICATION_FAILED || code == ExitCode.USAGE) {
          return code;
        }
        Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
      }
    }
  }

  /** One monitoring pass; the state is saved only when everything new verified. */
  int pass(Console console, WatchList watchList) throws InterruptedException {
    Path stateFile = java.util.Objects.requireNonNull(state);
    passesTotal.incrementAndGet();
    try (Log opened = new Log(log, console.err)) {
      Optional<MonitorState> previous = MonitorState.load(stateFile);
      if (previous.isPresent() && !previous.get().log().equals(log.log().toString())) {
        console.result(
            "bad_input",
            stateFile + " follows " + previous.get().log() + ", not " + log.log(),
            Map.of());
        return ExitCode.USAGE;
      }
      boolean tiles =
          previous.map(p -> p.source().equals("tiles")).orElse(false)
              || (previous.isEmpty() && opened.useTiles());
      CheckpointVerifier checkpoints = tiles ? opened.tileCheckpoints() : opened.v1Checkpoints();
      if (previous.isPresent()
          && !previous.get().keyFingerprint().equals(checkpoints.key().fingerprint())) {
        throw new VerificationException(
            "the log key is "
                + checkpoints.key().fingerprint()
                + ", but the state was verified with "
                + previous.get().keyFingerprint());
      }
      long[] found = {0};
      java.util.function.Consumer<Finding> report =
          finding -> {
            found[0]++;
            console.out.println(finding.toJsonLine());
            console.out.flush();
            postWebhook(finding, console);
          };
      MonitorState next;
      String what = previous.isEmpty() ? "first scan" : "scan";
      if (fromHead && !tiles) {
        console.result(
            "bad_input",
            "--from-head needs the log's tiles; this monitor reads its v1 API",
            Map.of());
        return ExitCode.USAGE;
      }
      if (tiles) {
        TileScanner scanner =
            new TileScanner(
                log.log().toString(), opened.tiles, checkpoints, watchList, console.progress(what));
        if (fromHead) {
          scanner = scanner.startingAtHead();
        }
        // A log that also lists its shards (Waxseal) is followed across rotations.
        Optional<RekorTileShards> shards =
            RekorTileShards.discover(opened.http, log.log(), opened.rekor, opened.tiles);
        try {
          if (shards.isPresent()) {
            scanner = scanner.followingShards(shards.get());
          }
          next = scanner.step(previous, report);
        } finally {
          shards.ifPresent(RekorTileShards::close);
        }
      } else {
        try (RekorScanner scanner =
            new RekorScanner(
                log.log().toString(),
                opened.rekor,
                checkpoints,
                watchList,
                console.progress(what),
                log.parallel)) {
          next = scanner.step(previous, report);
        }
      }
      // Everything up to next.size() verified: only now may the state move forward.
      next.save(stateFile);
      treeSize.set(next.size());
      findingsTotal.addAndGet(found[0]);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("treeSize", next.size());
      details.put("rootHash", next.rootHash().hex());
      details.put("previousSize", previous.map(MonitorState::size).orElse(0L));
      details.put("findings", found[0]);
      details.put("source", next.source());
      String message =
          "verified up to size "
              + next.size()
              + " from "
              + previous.map(MonitorState::size).orElse(0L)
              + ", "
              + found[0]
              + " finding(s)";
      console.result(found[0] > 0 ? "found" : "ok", message, details);
      return found[0] > 0 ? ExitCode.FOUND : ExitCode.OK;
    } catch (VerificationException e) {
      failuresTotal.incrementAndGet();
      console.result("verification_failed", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.VERIFICATION_FAILED;
    } catch (FetchException e) {
      failuresTotal.incrementAndGet();
      console.result("incomplete", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.INCOMPLETE;
    } catch (IOException | RuntimeException e) {
      failuresTotal.incrementAndGet();
      console.result("incomplete", e.toString(), Map.of());
      return ExitCode.INCOMPLETE;
    }
  }

  private void postWebhook(Finding finding, Console console) {
    if (webhook == null) {
      return;
    }
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(webhook)
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(finding.toJsonLine()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      console.err.println("waxseal: webhook " + webhook + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
