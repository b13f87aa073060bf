package dev.waxseal.cli;

import dev.waxseal.client.http.HttpOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command that reads a log shares. */
final class LogOptions {
  @Option(
      names = "--log",
      required = true,
      paramLabel = "URL",
      description = "The log's base URL, e.g. https://rekor.sigstore.dev or http://localhost:3000")
  @Nullable URI log;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "The log's public key: a PEM public key (Rekor v1 signed tree heads and SETs) or a C2SP"
              + " vkey line (tile checkpoints). Without it the key is fetched from the log and"
              + " trusted on first use (pinned in the monitor's state).")
  @Nullable Path key;

  @Option(
      names = "--tiles-key",
      paramLabel = "FILE",
      description =
          "The key of the log's tile checkpoints when it differs from --key (Waxseal signs tile"
              + " checkpoints with Ed25519 and v1 tree heads with ECDSA).")
  @Nullable Path tilesKey;

  @Option(
      names = "--origin",
      paramLabel = "ORIGIN",
      description = "Require this checkpoint origin (first line).")
  @Nullable String origin;

  @Option(
      names = "--witness",
      paramLabel = "FILE",
      description =
          "A Sigsum witness policy file (witness, group and quorum lines; log lines are not"
              + " used: the log's key is --key). Checkpoints must then carry cosignatures"
              + " (C2SP cosignature/v1) that meet its quorum.")
  @Nullable Path witnessPolicy;

  @Option(
      names = "--witnesses",
      paramLabel = "K",
      description =
          "Instead of the policy file's quorum, require cosignatures by any K of its witnesses.")
  @Nullable Integer witnessThreshold;

  @Option(
      names = "--api",
      paramLabel = "auto|tiles|v1",
      defaultValue = "auto",
      description =
          "Read the log through its tiles or its Rekor v1 API; auto uses tiles when"
              + " <log>/checkpoint exists (default: ${DEFAULT-VALUE}).")
  String api = "auto";

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Timeout per request (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 30;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "4",
      description = "Retries per request on I/O errors, 429 and 5xx (default: ${DEFAULT-VALUE}).")
  int retries = 4;

  @Option(
      names = "--retry-delay",
      paramLabel = "MILLIS",
      defaultValue = "250",
      description = "First pause between retries, doubling each time (default: ${DEFAULT-VALUE}).")
  long retryDelayMillis = 250;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "8",
      description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int parallel = 8;

  URI log() {
    return java.util.Objects.requireNonNull(log, "--log");
  }

  Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  HttpOptions http() {
    return new HttpOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(timeoutSeconds),
        retries + 1,
        Duration.ofMillis(retryDelayMillis),
        Duration.ofSeconds(10),
        parallel);
  }
}
