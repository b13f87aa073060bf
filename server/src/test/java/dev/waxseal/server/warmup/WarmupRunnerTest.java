package dev.waxseal.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.hashedrekord.HashedRekordKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRunnerTest {
  private static final EntryKinds KINDS =
      new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));

  @Test
  void aRateStillRisingIsNotStable() {
    assertThat(WarmupRunner.stable(List.of(10L, 20L, 40L, 80L, 160L, 320L))).isFalse();
    assertThat(WarmupRunner.stable(List.of(100L, 100L, 100L, 100L, 100L, 106L))).isFalse();
  }

  @Test
  void aRateThatLevelledOffIsStable() {
    assertThat(WarmupRunner.stable(List.of(10L, 90L, 100L, 95L, 104L, 98L))).isTrue();
    // Only the last two windows count: a slow start does not matter.
    assertThat(WarmupRunner.stable(List.of(1L, 2L, 90L, 100L, 95L, 104L, 98L, 100L))).isTrue();
  }

  @Test
  void tooFewSamplesOrNoWorkAreNotStable() {
    assertThat(WarmupRunner.stable(List.of(100L, 100L, 100L, 100L, 100L))).isFalse();
    assertThat(WarmupRunner.stable(List.of(0L, 0L, 0L, 0L, 0L, 0L))).isFalse();
  }

  @Test
  void theInMemoryWarmUpRunsOnEveryThreadAndStopsAtItsCap() throws InterruptedException {
    long start = System.nanoTime();

    WarmupRunner.Result result = new WarmupRunner(KINDS, Duration.ofSeconds(2), 2).run(null);

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.failure()).isNull();
    assertThat(result.rounds()).isPositive();
    // The cap, plus the time for the workers to finish their current round.
    assertThat(elapsed).isLessThan(Duration.ofSeconds(2 + 5));
    assertThat(result.elapsed()).isLessThanOrEqualTo(elapsed);
    if (!result.stable()) {
      assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void aFailingWarmUpStopsAndIsReportedInsteadOfThrown() throws InterruptedException {
    // Nothing listens on port 1: the first loopback request fails.
    WarmupRunner.Result result = new WarmupRunner(KINDS, Duration.ofSeconds(30), 1).run(() -> 1);

    assertThat(result.failure()).isNotNull();
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aWarmUpNeedsAThread() {
    assertThatThrownBy(() -> new WarmupRunner(KINDS, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one thread");
  }
}
