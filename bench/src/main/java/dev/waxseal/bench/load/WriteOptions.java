package dev.waxseal.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code write} and {@code write-v2} share: the target, the pre-generated entries, and the run
 * itself, so that the two workloads differ only in the request they send and stay comparable.
 */
final class WriteOptions {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--entries",
      defaultValue = "20000",
      description =
          "Entries to generate before the run; the run stops when they are used up (default: ${DEFAULT-VALUE}).")
  int entries = 20_000;

  @Option(
      names = "--keys",
      defaultValue = "4",
      description = "Distinct ECDSA P-256 signing keys (default: ${DEFAULT-VALUE}).")
  int keys = 4;

  @Option(
      names = "--seed",
      description = "Seed of the digests (default: random); reuse it to provoke 409s.")
  long seed = System.nanoTime();

  /**
   * Generates the entries (Rekor v2 requests when {@code v2}), posts each once to {@code path}
   * under the closed loop, prints the summary, and returns the workload (for its sampled
   * responses).
   */
  WriteWorkload run(String name, String path, boolean v2, int verifySample, PrintStream out)
      throws Exception {
    URI url = target.checkedUrl();
    out.printf(
        "%-8s %s concurrency %d loops %d warmup %s duration %s entries %d keys %d%n",
        name, url, target.concurrency, target.loops, target.warmup, target.duration, entries, keys);
    long generateStart = System.nanoTime();
    List<byte[]> bodies = HashedRekords.generate(entries, keys, seed, v2);
    WriteWorkload workload = new WriteWorkload(url, path, bodies, verifySample);
    out.printf(
        "generate %d entries in %.1f s (not measured)%n",
        entries, (System.nanoTime() - generateStart) / 1e9);
    target.awaitReady(out);
    TargetOptions.printLoad(out, "before");
    ClosedLoop.Summary summary =
        target.closedLoop(workload).run(target.warmup, target.duration, target.interval, out);
    TargetOptions.printLoad(out, "after");
    summary.print(out);
    if (workload.exhausted()) {
      out.printf(
          "WARNING  all %d entries were sent before the time was up: raise --entries%n", entries);
    }
    return workload;
  }
}
