package dev.waxseal.server.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every signature of a shard's signers is timed and its failures counted, by signer and purpose.
 */
class SignerMetricsTest {
  private static double count(MeterRegistry registry, String purpose) {
    return registry
        .get("waxseal.signer.sign")
        .tags("signer", "file", "purpose", purpose)
        .timer()
        .count();
  }

  private static double errors(MeterRegistry registry, String purpose) {
    return registry
        .get("waxseal.signer.errors")
        .tags("signer", "file", "purpose", purpose)
        .counter()
        .count();
  }

  @Test
  void shardSignersMeasureCheckpointsSetsAndC2spCheckpointsApart(@TempDir Path dir)
      throws Exception {
    LogSigner logKey =
        PemLogSigner.of(
            PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, dir.resolve("log.pem")));
    LogSigner tilesKey =
        PemLogSigner.of(PemKeyFiles.generate(SignatureAlgorithm.ED25519, dir.resolve("t.pem")));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ShardKeys keys =
        new ShardKeys(
            "log.test",
            Map.of(ShardKeys.DEFAULT, logKey),
            tilesKey,
            true,
            "log.test/tiles",
            new SignerMetrics(registry));

    ShardSigners signers = keys.signers(ShardKeys.DEFAULT, "log.test/tiles");
    signers.checkpoints().sign(7, 0, Rfc6962.emptyRoot());
    signers.timestamps().sign(new byte[] {1}, 1, "ab".repeat(32), 0);
    signers.timestamps().sign(new byte[] {2}, 1, "ab".repeat(32), 1);
    signers.c2spCheckpoints().sign(0, Rfc6962.emptyRoot());

    assertThat(count(registry, "checkpoint")).isEqualTo(1);
    assertThat(count(registry, "set")).isEqualTo(2);
    // Ed25519 by the tiles key and the ECDSA co-signature by the log key.
    assertThat(count(registry, "c2sp")).isEqualTo(2);
    assertThat(errors(registry, "checkpoint")).isZero();
    assertThat(errors(registry, "set")).isZero();
    assertThat(errors(registry, "c2sp")).isZero();
  }

  @Test
  void aFailedSignatureIsCountedTimedAndRethrown() {
    LogSigner broken =
        new LogSigner() {
          @Override
          public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_P256_SHA256;
          }

          @Override
          public byte[] publicKeyDer() {
            return new byte[0];
          }

          @Override
          public byte[] sign(byte[] message) {
            throw new SigningException("the key is gone");
          }
        };
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LogSigner metered = new SignerMetrics(registry).metered(broken, SignerMetrics.Purpose.SET);

    assertThat(errors(registry, "set")).as("the series exists before any error").isZero();
    assertThatThrownBy(() -> metered.sign("x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SigningException.class)
        .hasMessage("the key is gone");
    assertThat(errors(registry, "set")).isEqualTo(1);
    assertThat(count(registry, "set")).isEqualTo(1);
  }

  @Test
  void withoutARegistryTheKeyIsUsedAsItIs() {
    LogSigner key = new SignerMetrics(null).metered(new FakeKey(), SignerMetrics.Purpose.C2SP);
    assertThat(key).isInstanceOf(FakeKey.class);
    assertThat(SignerMetrics.NONE.metered(key, SignerMetrics.Purpose.SET)).isSameAs(key);
  }

  /** A key that signs with a constant: only its identity matters here. */
  private static final class FakeKey implements LogSigner {
    @Override
    public SignatureAlgorithm algorithm() {
      return SignatureAlgorithm.ED25519;
    }

    @Override
    public byte[] publicKeyDer() {
      return new byte[0];
    }

    @Override
    public byte[] sign(byte[] message) {
      return new byte[64];
    }
  }
}
