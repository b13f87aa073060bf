package dev.waxseal.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-log token bucket, on a fake clock. */
class LogRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LogRateLimiter limiter = new LogRateLimiter(2, 3, now::get);

  @Test
  void allowsTheBurstThenTheRate() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).as("request %d of the burst", i).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
    now.addAndGet(499_000_000L); // 0.998 tokens at 2/s
    assertThat(limiter.tryAcquire("a")).isFalse();
    now.addAndGet(2_000_000L);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void logsHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("a");
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();
  }

  @Test
  void refillStopsAtTheBurst() {
    now.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void rejectsNonPositiveSettings() {
    assertThatThrownBy(() -> new LogRateLimiter(0, 1, now::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogRateLimiter(1, 0, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
