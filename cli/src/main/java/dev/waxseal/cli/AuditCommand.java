package dev.waxseal.cli;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.monitor.Auditor;
import dev.waxseal.client.monitor.MonitorState;
import dev.waxseal.client.monitor.RekorScanner;
import dev.waxseal.client.monitor.WatchList;
import dev.waxseal.client.rekor.LogInfo;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.note.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code waxseal audit}: download the whole log, recompute everything, report the first difference.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Download the whole log and recompute it: every entry's leaf hash against the level-0"
          + " tiles, every upper tile from the tiles below, and the root of every checkpoint the"
          + " log serves (the tile checkpoint and, where the log has one, the v1 signed tree head)."
          + " A v1-only log is audited through its API: every entry of every shard, each tree's"
          + " root against its signed tree head.",
      "Reports the first difference with its index or size and exits 2; 0 if everything verified."
    },
    exitCodeOnInvalidInput = ExitCode.USAGE)
final class AuditCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Mixin LogOptions log = new LogOptions();
  @Mixin OutputOptions output = new OutputOptions();

  @Override
  public Integer call() throws InterruptedException {
    Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
    try (Log opened = new Log(log, console.err)) {
      Map<String, Object> details = new LinkedHashMap<>();
      String message;
      if (opened.useTiles()) {
        // The v1 tree head first: the tile checkpoint read after it can only be as large or larger.
        List<Checkpoint> others = new ArrayList<>();
        if (!log.api.equals("tiles")) {
          Optional<Checkpoint> v1 = v1TreeHead(opened);
          v1.ifPresent(others::add);
        }
        CheckpointVerifier checkpoints = opened.tileCheckpoints();
        Auditor.Report report =
            new Auditor(opened.tiles, checkpoints, console.progress("audit")).audit(others);
        details.put("treeSize", report.size());
        details.put("rootHash", report.rootHash().hex());
        details.put("tiles", report.tiles());
        details.put("checkpoints", report.checkpoints());
        message =
            "audited "
                + report.size()
                + " entries, "
                + report.tiles()
                + " tiles and "
                + report.checkpoints()
                + " checkpoint(s): root "
                + report.rootHash().hex();
      } else {
        CheckpointVerifier checkpoints = opened.v1Checkpoints();
        try (RekorScanner scanner =
            new RekorScanner(
                log.log().toString(),
                opened.rekor,
                checkpoints,
                WatchList.empty(),
                console.progress("audit"),
                log.parallel)) {
          MonitorState state = scanner.step(Optional.empty(), finding -> {});
          details.put("treeId", state.treeId());
          details.put("treeSize", state.size());
          details.put("rootHash", state.rootHash().hex());
          message =
              "audited every shard through the v1 API; active tree "
                  + state.treeId()
                  + " size "
                  + state.size()
                  + " root "
                  + state.rootHash().hex();
        }
      }
      console.result("ok", message, details);
      return ExitCode.OK;
    } catch (VerificationException e) {
      console.result("verification_failed", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.VERIFICATION_FAILED;
    } catch (IOException | RuntimeException e) {
      console.result(
          "incomplete",
          e instanceof FetchException ? String.valueOf(e.getMessage()) : e.toString(),
          Map.of());
      return ExitCode.INCOMPLETE;
    }
  }

  /** The v1 signed tree head of the active tree, verified, if the log has a v1 API. */
  private static Optional<Checkpoint> v1TreeHead(Log opened)
      throws IOException, InterruptedException, VerificationException {
    if (opened.http.getIfPresent(opened.options.log().resolve(apiPath(opened))).isEmpty()) {
      return Optional.empty();
    }
    LogInfo info = opened.rekor.logInfo();
    return Optional.of(opened.v1Checkpoints().verify(info.active().signedTreeHead()));
  }

  private static String apiPath(Log opened) {
    String base = opened.options.log().toString();
    return base.endsWith("/") ? "api/v1/log" : opened.options.log().getPath() + "/api/v1/log";
  }
}
