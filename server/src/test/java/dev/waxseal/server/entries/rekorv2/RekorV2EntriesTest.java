package dev.waxseal.server.entries.rekorv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request-level answers of {@code CreateEntry}: which kind, body limit, dispatch messages. */
class RekorV2EntriesTest {
  private final RekorV2Entries entries = RekorV2Entries.withDefaults();

  private String refusal(RekorV2Entries converter, String body) {
    RekorV2Exception e =
        catchThrowableOfType(
            RekorV2Exception.class,
            () -> converter.toLogEntry(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(e).isNotNull();
    assertThat(e.status().httpStatus()).isEqualTo(400);
    return new String(e.status().body(), StandardCharsets.UTF_8);
  }

  @Test
  void emptyObjectOrEmptyBodyHasNoKind() {
    String expected =
        "{\"code\":3,\"message\":\"invalid type, must be either hashedrekord or dsse\",\"details\":[]}";
    assertThat(refusal(entries, "{}")).isEqualTo(expected);
    assertThat(refusal(entries, "")).isEqualTo(expected);
  }

  @Test
  void v1BodyIsAnUnknownField() {
    assertThat(refusal(entries, "{\"kind\":\"hashedrekord\"}"))
        .isEqualTo(
            "{\"code\":3,\"message\":\"proto: (line 1:2): unknown field \\\"kind\\\"\",\"details\":[]}");
  }

  @Test
  void bodyOverTheLimitIsRefusedAsGoMaxBytesReader() {
    RekorV2Entries small = new RekorV2Entries(ClientSigningAlgorithm.REKOR_DEFAULT, true, 8);
    assertThat(refusal(small, "{}       "))
        .isEqualTo("{\"code\":3,\"message\":\"http: request body too large\",\"details\":[]}");
    assertThat(refusal(small, "{}      "))
        .isEqualTo(
            "{\"code\":3,\"message\":\"invalid type, must be either hashedrekord or dsse\",\"details\":[]}");
  }

  @Test
  void limitMustBePositive() {
    assertThatThrownBy(() -> new RekorV2Entries(ClientSigningAlgorithm.REKOR_DEFAULT, true, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestBodySize 0 must be positive");
  }
}
