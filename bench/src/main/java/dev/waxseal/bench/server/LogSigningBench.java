package dev.waxseal.bench.server;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.PemLogSigner;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The log key's work with an in-memory ECDSA P-256 {@link PemLogSigner} (RFC 6979 nonces, Bouncy
 * Castle): one SET per entry ({@link SignedEntryTimestamps#sign}, over a 600-byte body) and one
 * checkpoint per batch ({@link CheckpointSigner#sign}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class LogSigningBench {
  private final byte[] body = new byte[600];
  private final Hash root = Rfc6962.leafHash(new byte[] {1});
  private SignedEntryTimestamps timestamps = new SignedEntryTimestamps(signer());
  private CheckpointSigner checkpoints = new CheckpointSigner("rekor.example.dev", signer());
  private String logIdHex = "";
  private long index;

  @Setup
  public void setUp() {
    new Random(3).nextBytes(body);
    PemLogSigner signer = signer();
    timestamps = new SignedEntryTimestamps(signer);
    checkpoints = new CheckpointSigner("rekor.example.dev", signer);
    logIdHex = new LogIdentity(signer).logId().hex();
  }

  private static PemLogSigner signer() {
    ECNamedDomainParameters domain =
        new ECNamedDomainParameters(
            SECObjectIdentifiers.secp256r1,
            SECNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(domain, new SecureRandom()));
    return PemLogSigner.of(generator.generateKeyPair().getPrivate());
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
