package dev.waxseal.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link Workload} from a fixed number of worker threads, each sending one request and
 * waiting for its response before sending the next (a closed loop: the offered load adapts to the
 * server, so latencies under overload are understated by queueing in the driver, not the server —
 * coordinated omission). Stops at the deadline, after {@code maxRequests} measured requests, or
 * when the workload runs out, whichever comes first.
 */
final class ClosedLoop {
  private final HttpClient client;
  private final Workload workload;
  private final int concurrency;
  private final long maxRequests;
  private final Results results = new Results();
  private final AtomicLong started = new AtomicLong();
  private volatile long measureStart;
  private volatile long deadline;

  ClosedLoop(HttpClient client, Workload workload, int concurrency, long maxRequests) {
    this.client = client;
    this.workload = workload;
    this.concurrency = concurrency;
    this.maxRequests = maxRequests;
  }

  /** What one run measured. */
  record Summary(Results results, double seconds, double cpuSeconds, int processors) {
    /** The driver's CPU use as a share of the whole machine. */
    double cpuShare() {
      return cpuSeconds / (seconds * processors);
    }

    void print(PrintStream out) {
      results.print(out, seconds);
      out.printf(
          "total    %9d req  %9.1f req/s over %.1f s%n",
          results.total(), results.total() / seconds, seconds);
      out.printf(
          "driver   CPU %.1f s = %.2f cores = %.0f%% of %d cores%n",
          cpuSeconds, cpuSeconds / seconds, 100 * cpuShare(), processors);
    }
  }

  /** Runs the warm-up (not measured), then the measured phase. */
  Summary run(Duration warmup, Duration duration) throws InterruptedException {
    long now = System.nanoTime();
    measureStart = now + warmup.toNanos();
    deadline = measureStart + duration.toNanos();
    List<Thread> workers = new ArrayList<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Thread worker = new Thread(this::work, "load-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    long waitUntilMeasured = measureStart - System.nanoTime();
    if (waitUntilMeasured > 0) {
      Thread.sleep(waitUntilMeasured / 1_000_000, (int) (waitUntilMeasured % 1_000_000));
    }
    long cpuStart = processCpuNanos();
    long wallStart = System.nanoTime();
    for (Thread worker : workers) {
      worker.join();
    }
    long wall = System.nanoTime() - Math.max(wallStart, measureStart);
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    return new Summary(results, wall / 1e9, cpu, Runtime.getRuntime().availableProcessors());
  }

  private void work() {
    while (true) {
      long start = System.nanoTime();
      if (start >= deadline) {
        return;
      }
      boolean measured = start >= measureStart;
      if (measured && started.incrementAndGet() > maxRequests) {
        return;
      }
      Workload.Call call = workload.next();
      if (call == null) {
        return;
      }
      send(call, measured);
    }
  }

  private void send(Workload.Call call, boolean measured) {
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          client.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
      if (measured) {
        results.record(
            call.operation(), Integer.toString(response.statusCode()), System.nanoTime() - start);
      }
      workload.onResponse(call, response.statusCode(), response.body(), measured);
    } catch (IOException e) {
      if (measured) {
        results.record(call.operation(), e.getClass().getSimpleName(), System.nanoTime() - start);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This process's CPU time (all threads), or 0 where the JVM does not report it. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
