package dev.waxseal.cli;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.PolicyEntity;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A log opened from the command line: its readers, which API to use, and its keys. */
final class Log implements AutoCloseable {
  final LogOptions options;
  final HttpFetcher http;
  final RekorClient rekor;
  final TileClient tiles;
  private final PrintWriter err;

  Log(LogOptions options, PrintWriter err) {
    this.options = options;
    this.err = err;
    this.http = new HttpFetcher(options.http());
    this.rekor = new RekorClient(http, options.log());
    this.tiles = new TileClient(http, options.log());
  }

  /** True if the log is read through tiles: asked for, or auto and {@code /checkpoint} exists. */
  boolean useTiles() throws FetchException, InterruptedException {
    return switch (options.api) {
      case "tiles" -> true;
      case "v1" -> false;
      case "auto" -> tiles.checkpointIfPresent().isPresent();
      default ->
          throw new IllegalArgumentException("--api must be auto, tiles or v1, not " + options.api);
    };
  }

  /** The verifier of tile checkpoints: --tiles-key, else --key, else the log's /vkey (TOFU). */
  CheckpointVerifier tileCheckpoints() throws IOException, InterruptedException {
    Path file = options.tilesKey != null ? options.tilesKey : options.key;
    LogKey key;
    if (file != null) {
      key = readKey(Files.readString(file, StandardCharsets.UTF_8));
    } else {
      String vkey = http.getText(options.log().resolve(path("vkey"))).strip();
      err.println("waxseal: trusting the tile key the log serves: " + vkey);
      key = readKey(vkey);
    }
    return new CheckpointVerifier(key, options.origin(), witnesses());
  }

  /**
   * The witness policy of --witness, with its quorum replaced by any K of its witnesses if
   * --witnesses K is given; empty without --witness.
   *
   * @throws IllegalArgumentException if the file is not a valid policy (naming the line), or
   *     --witnesses is given without --witness or outside 1..n
   */
  Optional<WitnessPolicy> witnesses() throws IOException {
    return witnesses(options);
  }

  /** {@link #witnesses()} before a log is opened, to reject a bad policy as bad input. */
  static Optional<WitnessPolicy> witnesses(LogOptions options) throws IOException {
    if (options.witnessPolicy == null) {
      if (options.witnessThreshold != null) {
        throw new IllegalArgumentException("--witnesses needs a --witness policy file");
      }
      return Optional.empty();
    }
    Path file = options.witnessPolicy;
    WitnessPolicy policy;
    try {
      policy = WitnessPolicy.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("witness policy " + file + ": " + e.getMessage(), e);
    }
    if (options.witnessThreshold == null) {
      return Optional.of(policy);
    }
    return Optional.of(anyOf(policy, options.witnessThreshold, file));
  }

  /**
   * The same witnesses with the quorum "any k of them". Built as policy text so that merkle's
   * parser, not this class, decides what a valid group is.
   */
  static WitnessPolicy anyOf(WitnessPolicy policy, int k, Path file) {
    List<String> names = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (PolicyEntity witness : policy.witnesses()) {
      names.add(witness.name());
      text.append("witness ")
          .append(witness.name())
          .append(' ')
          .append(witness.publicKeyHex())
          .append('\n');
    }
    if (k < 1 || k > names.size()) {
      throw new IllegalArgumentException(
          "--witnesses "
              + k
              + " is outside 1.."
              + names.size()
              + " (the witnesses in "
              + file
              + ")");
    }
    // a group name no witness uses
    String group = "cli-quorum";
    while (names.contains(group)) {
      group = group + "-";
    }
    text.append("group ")
        .append(group)
        .append(' ')
        .append(k)
        .append(' ')
        .append(String.join(" ", names))
        .append("\nquorum ")
        .append(group)
        .append('\n');
    return WitnessPolicy.parse(text.toString());
  }

  /** The verifier of v1 tree heads and SETs: --key, else the log's publicKey (TOFU). */
  CheckpointVerifier v1Checkpoints() throws IOException, InterruptedException {
    LogKey key;
    if (options.key != null) {
      key = readKey(Files.readString(options.key, StandardCharsets.UTF_8));
    } else {
      key = LogKey.fromPem(rekor.publicKeyPem(Optional.empty()));
      err.println("waxseal: trusting the v1 key the log serves: " + key.fingerprint());
    }
    return new CheckpointVerifier(key, options.origin(), witnesses());
  }

  private String path(String name) {
    String base = options.log().toString();
    return base.endsWith("/") ? name : options.log().getPath() + "/" + name;
  }

  /** A PEM public key or certificate, or a C2SP vkey line. */
  static LogKey readKey(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("-----BEGIN")) {
      return LogKey.fromPem(trimmed);
    }
    return LogKey.fromVerifierKey(VerifierKey.parse(trimmed));
  }

  @Override
  public void close() {
    tiles.close();
  }

  static @Nullable String message(Throwable e) {
    return e.getMessage();
  }
}
