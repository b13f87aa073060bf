package dev.waxseal.cli;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.rekor.EntryVerifier;
import dev.waxseal.client.rekor.LogEntry;
import dev.waxseal.client.rekor.LogInfo;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code waxseal verify}: one entry's SET, inclusion proof and checkpoint, and consistency. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch (--uuid, --index) or read (--entry) a Rekor v1 log entry and verify it: its UUID is"
          + " its leaf hash, its signed entry timestamp, its inclusion proof, the checkpoint the"
          + " proof leads to, and that checkpoint's consistency with the log's current tree head."
    },
    exitCodeOnInvalidInput = ExitCode.USAGE)
final class VerifyCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Mixin LogOptions log = new LogOptions();
  @Mixin OutputOptions output = new OutputOptions();

  @Option(
      names = "--offline",
      description =
          "With --entry: verify only what the entry carries (needs --key); the log is not"
              + " contacted, so its current tree head is not checked.")
  boolean offline;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which = new Which();

  static final class Which {
    @Option(names = "--uuid", paramLabel = "ID", description = "Entry UUID, 64 or 80 hex digits.")
    @Nullable String uuid;

    @Option(names = "--index", paramLabel = "N", description = "Virtual log index.")
    @Nullable Long index;

    @Option(
        names = "--entry",
        paramLabel = "FILE",
        description = "A LogEntry JSON object as the v1 API returns it.")
    @Nullable Path entry;
  }

  @Override
  public Integer call() throws InterruptedException {
    Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
    if (offline && (which.entry == null || log.key == null)) {
      console.result("bad_input", "--offline needs --entry and --key", Map.of());
      return ExitCode.USAGE;
    }
    try (Log opened = new Log(log, console.err)) {
      LogEntry entry = entry(opened.rekor);
      CheckpointVerifier checkpoints = opened.v1Checkpoints();
      Optional<Checkpoint> checkpoint = new EntryVerifier(checkpoints).verify(entry);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("logIndex", entry.logIndex());
      details.put("uuid", entry.uuid());
      details.put("integratedTime", entry.integratedTime());
      if (checkpoint.isPresent()) {
        details.put("treeSize", checkpoint.get().size());
        details.put("rootHash", checkpoint.get().rootHash().hex());
        if (!offline) {
          consistentWithCurrent(opened.rekor, checkpoints, entry, checkpoint.get(), details);
        }
      }
      console.result("verified", "entry " + entry.logIndex() + " verified", details);
      return ExitCode.OK;
    } catch (VerificationException e) {
      console.result("verification_failed", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.VERIFICATION_FAILED;
    } catch (IOException e) {
      console.result("incomplete", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.INCOMPLETE;
    } catch (IllegalArgumentException e) {
      console.result("bad_input", String.valueOf(e.getMessage()), Map.of());
      return ExitCode.USAGE;
    }
  }

  private LogEntry entry(RekorClient rekor) throws IOException, InterruptedException {
    if (which.entry != null) {
      List<LogEntry> entries = RekorClient.parse(Files.readAllBytes(which.entry), "--entry file");
      if (entries.size() != 1) {
        throw new IllegalArgumentException(
            "--entry file must hold one LogEntry, has " + entries.size());
      }
      return entries.get(0);
    }
    Optional<LogEntry> found =
        which.uuid != null
            ? rekor.entryByUuid(which.uuid)
            : rekor.entryByIndex(java.util.Objects.requireNonNull(which.index));
    return found.orElseThrow(
        () ->
            new FetchException(
                "the log has no entry " + (which.uuid != null ? which.uuid : which.index), 404));
  }

  /** Checks the entry's checkpoint against the log's current tree head of the same tree. */
  private static void consistentWithCurrent(
      RekorClient rekor,
      CheckpointVerifier checkpoints,
      LogEntry entry,
      Checkpoint checkpoint,
      Map<String, Object> details)
      throws IOException, InterruptedException, VerificationException {
    LogInfo info = rekor.logInfo();
    if (entry.treeId().isPresent() && entry.treeId().get() != info.active().treeId()) {
      return; // an inactive shard is frozen; its tree head was checked above
    }
    Checkpoint current = checkpoints.verify(info.active().signedTreeHead());
    if (current.size() < checkpoint.size()) {
      throw new VerificationException(
          "rollback: the log's tree head is size "
              + current.size()
              + ", but the entry's checkpoint is size "
              + checkpoint.size());
    }
    var proof =
        rekor.consistencyProof(
            checkpoint.size(), current.size(), Optional.of(info.active().treeId()));
    try {
      ProofVerifier.verifyConsistency(proof.proof(), checkpoint.rootHash(), current.rootHash());
    } catch (ProofVerificationException e) {
      throw new VerificationException(
          "consistency from size " + checkpoint.size() + " to " + current.size(), e);
    }
    details.put("consistentWithSize", current.size());
  }
}
