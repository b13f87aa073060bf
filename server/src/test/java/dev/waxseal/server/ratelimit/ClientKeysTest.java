package dev.waxseal.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
  private static String client(ClientKeys keys, String... values) {
    return keys.client("10.0.0.7", Collections.enumeration(List.of(values)));
  }

  @Test
  void withoutAHeaderTheClientIsTheSourceAddress() {
    assertThat(client(new ClientKeys(null, 1), "203.0.113.1")).isEqualTo("10.0.0.7");
  }

  @Test
  void theEntryTheTrustedProxyAppendedIsTheClientNotWhatTheClientSent() {
    ClientKeys oneProxy = new ClientKeys("X-Forwarded-For", 1);
    assertThat(client(oneProxy, "203.0.113.1")).isEqualTo("203.0.113.1");
    // A client that sends its own X-Forwarded-For only adds entries to the left.
    assertThat(client(oneProxy, "198.51.100.9, 203.0.113.1")).isEqualTo("203.0.113.1");
    assertThat(client(oneProxy, "198.51.100.9", "203.0.113.1")).isEqualTo("203.0.113.1");
  }

  @Test
  void behindTwoProxiesTheClientIsTheSecondEntryFromTheRight() {
    ClientKeys loadBalancer = new ClientKeys("X-Forwarded-For", 2);
    assertThat(client(loadBalancer, "spoofed, 203.0.113.1, 34.120.0.1")).isEqualTo("203.0.113.1");
    // Fewer entries than proxies: the request did not come through them all.
    assertThat(client(loadBalancer, "203.0.113.1")).isEqualTo("10.0.0.7");
  }

  @Test
  void aMissingOrEmptyHeaderFallsBackToTheSourceAddress() {
    ClientKeys keys = new ClientKeys("X-Forwarded-For", 1);
    assertThat(client(keys)).isEqualTo("10.0.0.7");
    assertThat(client(keys, "203.0.113.1, ")).isEqualTo("10.0.0.7");
  }
}
