package dev.waxseal.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves. */
class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = now::get;

  private static RateLimitProperties limits(Integer writes, Integer reads) {
    return new RateLimitProperties(writes, reads, Duration.ofSeconds(1), null, 1, 1000);
  }

  @Test
  void admitsTheBurstThenRefusesWithTheWholeSecondsToTheNextToken() {
    RateLimiter limiter = new RateLimiter(limits(4, null), ticker);
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isTrue();
    }
    RateLimiter.Admission refused = limiter.tryAcquire(RouteGroup.WRITES, "a");
    assertThat(refused.admitted()).isFalse();
    // 4 per second: the next token is 250 ms away, which rounds up to 1 s.
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    now.addAndGet(Duration.ofMillis(249).toNanos());
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isFalse();
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isFalse();
  }

  @Test
  void retryAfterRoundsUpToTheSecondWhenTheTokenIsFurtherAway() {
    RateLimitProperties properties =
        new RateLimitProperties(2, null, Duration.ofSeconds(5), null, 1, 1000);
    RateLimiter limiter = new RateLimiter(properties, ticker);
    limiter.tryAcquire(RouteGroup.WRITES, "a");
    limiter.tryAcquire(RouteGroup.WRITES, "a");
    // 2 per 5 s: a token every 2.5 s, said as 3.
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").retryAfterSeconds()).isEqualTo(3);
  }

  @Test
  void clientsAndGroupsHaveBucketsOfTheirOwn() {
    RateLimiter limiter = new RateLimiter(limits(1, 2), ticker);
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "a").admitted()).isFalse();
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "b").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.READS, "a").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.READS, "a").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.READS, "a").admitted()).isFalse();
  }

  @Test
  void aGroupWithoutALimitAdmitsEverything() {
    RateLimiter limiter = new RateLimiter(limits(1, null), ticker);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryAcquire(RouteGroup.READS, "a").admitted()).isTrue();
    }
    assertThat(limiter.limit(RouteGroup.READS)).isNull();
    assertThat(limiter.clients()).isZero();
  }

  @Test
  void idleBucketsAreDroppedAfterAPeriodAndTheMapIsBounded() {
    RateLimiter limiter =
        new RateLimiter(
            new RateLimitProperties(1, null, Duration.ofSeconds(1), null, 1, 10),
            Runnable::run,
            ticker);
    for (int i = 0; i < 50; i++) {
      limiter.tryAcquire(RouteGroup.WRITES, "client-" + i);
    }
    limiter.cleanUp();
    assertThat(limiter.clients()).isLessThanOrEqualTo(10);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    limiter.cleanUp();
    assertThat(limiter.clients()).isZero();
    // A client whose bucket went is as well off as one whose bucket refilled: one token.
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "client-49").admitted()).isTrue();
    assertThat(limiter.tryAcquire(RouteGroup.WRITES, "client-49").admitted()).isFalse();
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> limits(0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("waxseal.rate-limit.writes must be a positive number");
    assertThatThrownBy(() -> limits(null, -1))
        .hasMessageContaining("waxseal.rate-limit.reads must be a positive number");
    assertThatThrownBy(() -> new RateLimitProperties(1, 1, Duration.ZERO, null, 1, 1))
        .hasMessageContaining("waxseal.rate-limit.period must be positive");
    assertThat(new RateLimitProperties(1, 1, Duration.ofSeconds(1), " ", 1, 1).clientHeader())
        .isNull();
  }
}
