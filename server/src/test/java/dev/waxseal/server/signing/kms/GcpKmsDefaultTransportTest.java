package dev.waxseal.server.signing.kms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import dev.waxseal.server.signing.SigningException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The KMS client over its production transport (gax's channel provider, Netty, TLS) rather than
 * {@link FakeKms}'s in-process channel: the jar leaves out the gRPC DirectPath libraries (xDS,
 * Google's c2p resolver, Conscrypt), and this shows the default channel needs none of them. Nothing
 * listens at the endpoint, so the call fails as unreachable, not with a missing class.
 */
class GcpKmsDefaultTransportTest {
  private static final GcpKmsKeyName KEY =
      GcpKmsKeyName.parse(
          "gcpkms://projects/waxseal-test/locations/us-east1/keyRings/log/cryptoKeys/checkpoints"
              + "/cryptoKeyVersions/3");

  private static final KmsCallPolicy FAST =
      new KmsCallPolicy(
          Duration.ofMillis(500),
          Duration.ofSeconds(2),
          2,
          Duration.ofMillis(10),
          Duration.ofMillis(50));

  @Test
  void theDefaultChannelWorksWithoutTheDirectPathLibraries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    KeyManagementServiceSettings.Builder settings =
        KeyManagementServiceSettings.newBuilder()
            .setEndpoint("127.0.0.1:" + port)
            .setCredentialsProvider(NoCredentialsProvider.create());

    assertThatThrownBy(() -> GcpKmsLogSigner.connect(KEY, settings, FAST, FAST))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("UNAVAILABLE");
  }
}
