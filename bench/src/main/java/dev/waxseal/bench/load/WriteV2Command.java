package dev.waxseal.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code write-v2}: as {@code write}, against the Rekor v2 log: unique signed {@code
 * hashedRekordRequestV002} requests (generated before the run, not measured) posted once each to
 * {@code /api/v2/log/entries}. Same driver, same options, so the two are comparable in one run.
 */
@Command(
    name = "write-v2",
    mixinStandardHelpOptions = true,
    description =
        "POST /api/v2/log/entries with unique, validly signed hashedrekord 0.0.2 requests.")
public final class WriteV2Command implements Callable<Integer> {
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

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    URI url = target.checkedUrl();
    out.printf(
        "write-v2 %s concurrency %d loops %d warmup %s duration %s entries %d keys %d%n",
        url, target.concurrency, target.loops, target.warmup, target.duration, entries, keys);
    long generateStart = System.nanoTime();
    List<byte[]> bodies = HashedRekords.generate(entries, keys, seed, true);
    WriteWorkload workload = new WriteWorkload(url, "/api/v2/log/entries", bodies, 0);
    out.printf(
        "generate %d entries in %.1f s (not measured)%n",
        entries, (System.nanoTime() - generateStart) / 1e9);
    TargetOptions.printLoad(out, "before");
    ClosedLoop.Summary summary = target.closedLoop(workload).run(target.warmup, target.duration);
    TargetOptions.printLoad(out, "after");
    summary.print(out);
    if (workload.exhausted()) {
      out.printf(
          "WARNING  all %d entries were sent before the time was up: raise --entries%n", entries);
    }
    return 0;
  }
}
