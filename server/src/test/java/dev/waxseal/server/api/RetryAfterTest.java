package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one rounding of every API's Retry-After: whole seconds, rounded up, at least 1. */
class RetryAfterTest {
  @Test
  void roundsUpToWholeSecondsAndNeverSaysZero() {
    assertThat(RetryAfter.seconds(Duration.ZERO)).isEqualTo(1);
    assertThat(RetryAfter.seconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(RetryAfter.seconds(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(RetryAfter.seconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(RetryAfter.seconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(RetryAfter.header(Duration.ofSeconds(30))).isEqualTo("30");
  }
}
