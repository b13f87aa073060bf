package dev.waxseal.server.warmup;

import dev.waxseal.server.entries.EntryKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the warm-up on several threads until its rate stops rising or its time is up.
 *
 * <p>Each round of a thread is one entry through the append path's CPU work in memory ({@link
 * Warmup#step()}) and, when the web server's port is known, one rejected POST and one read over
 * loopback ({@link LoopbackWarmup#step()}). HotSpot compiles a method with C2 after ~10^4
 * invocations or loop iterations, so a few hundred rounds leave the hot paths in the interpreter or
 * C1 and the first minute of traffic pays for the rest; rounds on every core until the rate levels
 * off put that cost before readiness instead.
 */
final class WarmupRunner {
  private static final Logger log = LoggerFactory.getLogger(WarmupRunner.class);

  /** The rate is sampled this often. */
  static final Duration SAMPLE = Duration.ofSeconds(1);

  /**
   * Stable: the best rate of the last {@code WINDOW} samples is within 5 % of the window before.
   */
  static final int WINDOW = 3;

  /**
   * Rounds before the rate may count as stable. HotSpot's C2 thresholds are counts (~5,000
   * invocations, ~15,000 invocations and loop iterations together), not times: on a busy machine a
   * warm-up of a few hundred slow rounds also shows a flat rate, of code still in C1. Below this it
   * runs to its cap.
   */
  static final long MIN_ROUNDS = 10_000;

  private final EntryKinds kinds;
  private final Duration cap;
  private final int threads;

  /**
   * @param cap the longest the warm-up runs (it stops sooner once its rate is stable)
   * @param threads worker threads (the processors the JVM sees, typically)
   */
  WarmupRunner(EntryKinds kinds, Duration cap, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("the warm-up needs at least one thread, not " + threads);
    }
    this.kinds = kinds;
    this.cap = cap;
    this.threads = threads;
  }

  /** What a warm-up did, for its log line and the tests. */
  record Result(long rounds, Duration elapsed, boolean stable, @Nullable Throwable failure) {}

  /**
   * Runs the warm-up on this thread's behalf and returns when it is done.
   *
   * @param port the web server's port for the loopback requests; {@code null} for the in-memory
   *     work only (the port is not known)
   */
  Result run(@Nullable IntSupplier port) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + cap.toNanos();
    LongAdder rounds = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> work(port, rounds, stop, failure), "warmup-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    List<Long> rates = new ArrayList<>();
    boolean stable = false;
    long last = 0;
    try {
      while (!stop.get() && System.nanoTime() < deadline) {
        Thread.sleep(
            Math.min(SAMPLE.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        long now = rounds.sum();
        rates.add(now - last);
        last = now;
        if (now >= MIN_ROUNDS && stable(rates)) {
          stable = true;
          break;
        }
      }
    } finally {
      stop.set(true);
      for (Thread worker : workers) {
        worker.join(15_000);
      }
    }
    Result result =
        new Result(
            rounds.sum(), Duration.ofNanos(System.nanoTime() - start), stable, failure.get());
    log.atInfo()
        .addKeyValue("rounds", result.rounds())
        .addKeyValue("threads", threads)
        .addKeyValue("loopback", port != null)
        .addKeyValue("millis", result.elapsed().toMillis())
        .addKeyValue("stable", stable)
        .addKeyValue("rates_per_second", rates)
        .log(stable ? "warm-up done: its rate levelled off" : "warm-up done: its time was up");
    if (result.failure() != null) {
      log.atWarn()
          .setCause(result.failure())
          .log("warm-up stopped early; the server starts anyway");
    }
    return result;
  }

  /**
   * Whether the rate stopped rising: the best of the last window is within 5 % of the one before.
   */
  static boolean stable(List<Long> rates) {
    int n = rates.size();
    if (n < 2 * WINDOW) {
      return false;
    }
    long recent = max(rates.subList(n - WINDOW, n));
    long before = max(rates.subList(n - 2 * WINDOW, n - WINDOW));
    return before > 0 && recent * 100 <= before * 105;
  }

  private static long max(List<Long> values) {
    long max = 0;
    for (long value : values) {
      max = Math.max(max, value);
    }
    return max;
  }

  private void work(
      @Nullable IntSupplier port,
      LongAdder rounds,
      AtomicBoolean stop,
      AtomicReference<@Nullable Throwable> failure) {
    try {
      Warmup memory = new Warmup(kinds, 0);
      LoopbackWarmup loopback = port == null ? null : new LoopbackWarmup(port.getAsInt());
      while (!stop.get()) {
        memory.step();
        if (loopback != null) {
          loopback.step();
        }
        rounds.increment();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      // A warm-up is an optimisation: a failure of it must not keep the server from starting.
      failure.compareAndSet(null, e);
      stop.set(true);
    }
  }
}
