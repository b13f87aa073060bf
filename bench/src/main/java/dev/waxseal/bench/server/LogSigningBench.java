package dev.waxseal.bench.server;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.PemLogSigner;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The log key's work with an in-memory ECDSA P-256 {@link PemLogSigner} (RFC 6979 nonces, Bouncy
 * Castle): one SET per entry ({@link SignedEntryTimestamps#sign}, over a 600-byte body) and one
 * checkpoint per batch ({@link CheckpointSigner#sign}).
 *
 * <p>{@code key=generated}: the key as {@link PemKeyFiles#generate} returns it on a server's first
 * start; {@code key=loaded}: the same key read back by {@link PemKeyFiles#load}, as on every later
 * start. (Bouncy Castle gives the two different curve implementations: see docs/performance.md.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class LogSigningBench {
  @Param({"generated", "loaded"})
  String key = "loaded";

  private final byte[] body = new byte[600];
  private final Hash root = Rfc6962.leafHash(new byte[] {1});
  private SignedEntryTimestamps timestamps = new SignedEntryTimestamps(new NoSigner());
  private CheckpointSigner checkpoints = new CheckpointSigner("rekor.example.dev", new NoSigner());
  private String logIdHex = "";
  private long index;

  @Setup
  public void setUp() throws IOException {
    new Random(3).nextBytes(body);
    Path file = Files.createTempDirectory("waxseal-bench").resolve("log.key");
    AsymmetricKeyParameter generated =
        PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, file);
    PemLogSigner signer =
        PemLogSigner.of(key.equals("generated") ? generated : PemKeyFiles.load(file));
    Files.delete(file);
    Files.delete(file.getParent());
    timestamps = new SignedEntryTimestamps(signer);
    checkpoints = new CheckpointSigner("rekor.example.dev", signer);
    logIdHex = new LogIdentity(signer).logId().hex();
  }

  /** The SET of one entry. */
  @Benchmark
  public byte[] signEntryTimestamp() {
    return timestamps.sign(body, 1_764_470_000L, logIdHex, index++);
  }

  /** One checkpoint (signed note) for a batch. */
  @Benchmark
  public String signCheckpoint() {
    return checkpoints.sign(1_193_050_959_916_656_506L, 79_571_823L + index++, root);
  }
}
