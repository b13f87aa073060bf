package dev.waxseal.server.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EntriesConfigurationTest {
  @Test
  void defaultsToRekorsAllowList() {
    assertThat(EntriesConfiguration.allowedAlgorithms(List.of()))
        .isEqualTo(ClientSigningAlgorithm.REKOR_DEFAULT)
        .hasSize(8);
  }

  @Test
  void parsesRekorFlagNames() {
    assertThat(
            EntriesConfiguration.allowedAlgorithms(
                List.of("ecdsa-sha2-256-nistp256", " ed25519-ph")))
        .containsExactlyInAnyOrder(
            ClientSigningAlgorithm.ECDSA_P256_SHA256, ClientSigningAlgorithm.ED25519_PH);
  }

  @Test
  void rejectsUnknownFlag() {
    assertThatThrownBy(() -> EntriesConfiguration.allowedAlgorithms(List.of("rsa-1024")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "waxseal.entries.client-signing-algorithms: unknown algorithm 'rsa-1024', known: ");
  }

  @Test
  void buildsTheRegistryFromTheEnvironment() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("waxseal.entries.client-signing-algorithms", "ecdsa-sha2-256-nistp256");
    assertThat(new EntriesConfiguration().entryKinds(environment).supported())
        .isEqualTo(
            "alpine 0.0.1, cose 0.0.1, dsse 0.0.1, hashedrekord 0.0.1, helm 0.0.1, intoto 0.0.1,"
                + " intoto 0.0.2, jar 0.0.1, rekord 0.0.1, rfc3161 0.0.1, rpm 0.0.1, tuf 0.0.1");
  }
}
