package dev.waxseal.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 429 body: Rekor's error shape, valid JSON whatever the message holds. */
class RateLimitFilterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void bodyIsRekorsErrorShape() {
    assertThat(new String(RateLimitFilter.body("rate limit exceeded"), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":429,\"message\":\"rate limit exceeded\"}");
  }

  @Test
  void aMessageWithQuotesBackslashesAndControlsStaysValidJson() {
    String message = "at most 5 \"writes\" per C:\\period\nretry after 1 s\t\u0001 \u00e9";
    JsonNode body = JSON.readTree(RateLimitFilter.body(message));
    assertThat(body.propertyNames()).containsExactly("code", "message");
    assertThat(body.get("code").intValue()).isEqualTo(429);
    assertThat(body.get("message").stringValue()).isEqualTo(message);
  }
}
