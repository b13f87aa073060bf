package dev.waxseal.cli;

import dev.waxseal.client.monitor.MonitorState;
import dev.waxseal.client.monitor.RekorScanner;
import dev.waxseal.client.monitor.TileScanner;
import dev.waxseal.client.monitor.WatchList;
import dev.waxseal.client.verify.CheckpointVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code waxseal bench}: the scan rate of a full monitor pass with a watch list of N identities,
 * from tiles and from the v1 API. Prints numbers, asserts nothing.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the monitor's scan rate: a first pass over the whole log (every entry read,"
          + " hashed, decoded and matched against --identities watched emails, URIs and key"
          + " fingerprints) through tiles and through the v1 API, printed as entries/s."
    },
    exitCodeOnInvalidInput = ExitCode.USAGE)
final class BenchCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Mixin LogOptions log = new LogOptions();

  @Option(
      names = "--identities",
      defaultValue = "100",
      description = "Watched items (default: ${DEFAULT-VALUE}).")
  int identities = 100;

  @Option(
      names = "--watch",
      paramLabel = "FILE",
      description =
          "Match this watch.yaml instead of --identities generated items (none of which matches).")
  @Nullable Path watchFile;

  @Option(
      names = "--sources",
      defaultValue = "tiles,v1",
      split = ",",
      description = "What to measure (default: ${DEFAULT-VALUE}).")
  List<String> sources = List.of("tiles", "v1");

  @Override
  public Integer call() throws Exception {
    List<String> emails = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < identities; i++) {
      switch (i % 3) {
        case 0 -> emails.add("nobody" + i + "@example.com");
        case 1 ->
            uris.add(
                "https://github.com/example/repo" + i + "/.github/workflows/x.yml@refs/heads/main");
        default -> fingerprints.add(String.format("%064x", i));
      }
    }
    WatchList watch =
        watchFile != null
            ? WatchFile.read(watchFile)
            : WatchList.of(Map.of("emails", emails, "uris", uris, "fingerprints", fingerprints));
    var out = spec.commandLine().getOut();
    try (Log opened = new Log(log, spec.commandLine().getErr())) {
      for (String source : sources) {
        AtomicLong findings = new AtomicLong();
        long started = System.nanoTime();
        MonitorState state;
        if (source.equals("tiles")) {
          CheckpointVerifier checkpoints = opened.tileCheckpoints();
          state =
              new TileScanner(log.log().toString(), opened.tiles, checkpoints, watch, (d, t) -> {})
                  .step(Optional.empty(), f -> findings.incrementAndGet());
        } else {
          CheckpointVerifier checkpoints = opened.v1Checkpoints();
          try (RekorScanner scanner =
              new RekorScanner(
                  log.log().toString(),
                  opened.rekor,
                  checkpoints,
                  watch,
                  (d, t) -> {},
                  log.parallel)) {
            state = scanner.step(Optional.empty(), f -> findings.incrementAndGet());
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
            "%-5s entries=%d seconds=%.1f rate=%.0f entries/s watched=%d findings=%d parallel=%d%n",
            source,
            state.size(),
            seconds,
            state.size() / seconds,
            watch.size(),
            findings.get(),
            log.parallel);
        out.flush();
      }
    }
    return ExitCode.OK;
  }
}
