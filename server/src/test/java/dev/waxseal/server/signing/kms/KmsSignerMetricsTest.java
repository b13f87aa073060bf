package dev.waxseal.server.signing.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.signing.LogSigner;
import dev.waxseal.server.signing.SignerMetrics;
import dev.waxseal.server.signing.SigningException;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Cloud KMS key measured by {@link SignerMetrics}: labelled {@code kms}, failures counted. */
class KmsSignerMetricsTest {
  private static final GcpKmsKeyName KEY =
      GcpKmsKeyName.parse(
          "gcpkms://projects/waxseal-test/locations/us-east1/keyRings/log/cryptoKeys/checkpoints"
              + "/cryptoKeyVersions/1");
  private static final KmsCallPolicy FAST =
      new KmsCallPolicy(
          Duration.ofMillis(300),
          Duration.ofSeconds(2),
          3,
          Duration.ofMillis(10),
          Duration.ofMillis(50));
  private static final byte[] MESSAGE = "checkpoint\n".getBytes(StandardCharsets.UTF_8);

  private FakeKms kms;

  @BeforeEach
  void startKms() throws Exception {
    kms = new FakeKms(KEY.resourceName());
  }

  @AfterEach
  void stopKms() {
    kms.close();
  }

  @Test
  void kmsSignaturesAreTimedAndPermissionDeniedIsCountedAsAnError() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (GcpKmsLogSigner signer = GcpKmsLogSigner.connect(KEY, kms.settings(), FAST, FAST)) {
      LogSigner metered =
          new SignerMetrics(registry).metered(signer, SignerMetrics.Purpose.CHECKPOINT);
      metered.sign(MESSAGE);
      kms.failNextSigns(Status.PERMISSION_DENIED);
      assertThatThrownBy(() -> metered.sign(MESSAGE)).isInstanceOf(SigningException.class);
      metered.sign(MESSAGE);
    }

    assertThat(
            registry
                .get("waxseal.signer.sign")
                .tags("signer", "kms", "purpose", "checkpoint")
                .timer()
                .count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("waxseal.signer.errors")
                .tags("signer", "kms", "purpose", "checkpoint")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.find("waxseal.signer.sign").tag("signer", "file").meters()).isEmpty();
  }
}
