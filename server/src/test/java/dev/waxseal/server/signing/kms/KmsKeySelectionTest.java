package dev.waxseal.server.signing.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.signing.SigningProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * How the server's key configuration treats {@code waxseal.signer.kms-key}: the failures that
 * happen before any call to KMS. (A valid reference would make the client look for Application
 * Default Credentials, which probes the GCE metadata server; that is left to a real deployment.)
 */
class KmsKeySelectionTest {
  private static final String VALID =
      "gcpkms://projects/p-1/locations/us-east1/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1";

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SigningProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, logKeyConfiguration())
          .withPropertyValues(
              "waxseal.signer.hostname=log.example.dev",
              "waxseal.signer.generated-algorithm=ECDSA_P256_SHA256",
              "waxseal.signer.data-dir=target/kms-key-selection");

  /** The configuration is package-private in {@code signing}, as style.md §1 wants. */
  private static Class<?> logKeyConfiguration() {
    try {
      return Class.forName("dev.waxseal.server.signing.LogKeyConfiguration");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void refusesAKeyFileAndAKmsKeyTogether() {
    runner
        .withPropertyValues(
            "waxseal.signer.key-file=/etc/waxseal/log.pem", "waxseal.signer.kms-key=" + VALID)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                        "both WAXSEAL_SIGNER_KEY_FILE (waxseal.signer.key-file) and"
                            + " WAXSEAL_SIGNER_KMS_KEY (waxseal.signer.kms-key) are set"));
  }

  @Test
  void malformedKmsKeyStopsTheStartWithTheReason() {
    runner
        .withPropertyValues(
            "waxseal.signer.kms-key=gcpkms://projects/p-1/locations/us-east1/keyRings/r"
                + "/cryptoKeys/k")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid KMS key reference")
                    .hasMessageContaining("it names no key version"));
  }
}
