package dev.waxseal.server.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waxseal.server.entries.rekorv2.RekorV2Entries;
import dev.waxseal.server.entries.rekorv2.RekorV2Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The {@code waxseal.entries.v2.*} settings reach the Rekor v2 converter. */
class RekorV2EntriesConfigurationTest {
  private static final byte[] DSSE = "{\"dsseRequestV002\":{}}".getBytes(StandardCharsets.UTF_8);

  private static String refusal(RekorV2Entries entries, byte[] body) {
    return catchThrowableOfType(RekorV2Exception.class, () -> entries.toLogEntry(body))
        .getMessage();
  }

  @Test
  void defaultsTakeDsseAsRekorTilesV22() {
    RekorV2Entries entries = new EntriesConfiguration().rekorV2Entries(new MockEnvironment());
    assertThat(refusal(entries, DSSE)).isEqualTo("invalid dsse request");
  }

  @Test
  void dsseCanBeRefusedAsRekorTilesV23() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("waxseal.entries.v2.accept-dsse", "false");
    RekorV2Entries entries = new EntriesConfiguration().rekorV2Entries(environment);
    assertThat(refusal(entries, DSSE)).isEqualTo("invalid type, must be hashedrekord");
  }

  @Test
  void bodyLimitIsConfigurable() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("waxseal.entries.v2.max-request-body-size", "10");
    RekorV2Entries entries = new EntriesConfiguration().rekorV2Entries(environment);
    assertThat(refusal(entries, DSSE)).isEqualTo("http: request body too large");
  }
}
