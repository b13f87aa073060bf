package dev.waxseal.cli;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.WitnessCosignatures;
import dev.waxseal.client.verify.WitnessPolicy;
import dev.waxseal.merkle.note.VerifierKey;
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

  /** The witness policy of --witness and --witnesses; none without witness keys. */
  WitnessPolicy witnesses() throws IOException {
    List<VerifierKey> keys = new ArrayList<>();
    for (Path file : options.witnessFiles) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          keys.add(VerifierKey.parse(line.strip()));
        }
      }
    }
    if (keys.isEmpty()) {
      return WitnessPolicy.none();
    }
    int threshold = options.witnessThreshold != null ? options.witnessThreshold : keys.size();
    return WitnessCosignatures.kOfN(threshold, keys);
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
