package dev.waxseal.bench.load;

import dev.waxseal.merkle.proof.ProofVerificationException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code write}: generates unique signed hashedrekord entries (not measured), then posts each once.
 * With {@code --verify N}, checks the inclusion proofs of about N of the 201 responses afterwards.
 */
@Command(
    name = "write",
    mixinStandardHelpOptions = true,
    description = "POST /api/v1/log/entries with unique, validly signed hashedrekord entries.")
public final class WriteCommand implements Callable<Integer> {
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

  @Option(
      names = "--verify",
      defaultValue = "0",
      description = "Verify the inclusion proofs of about this many 201 responses (default: none).")
  int verify;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    URI url = target.checkedUrl();
    out.printf(
        "write    %s concurrency %d loops %d warmup %s duration %s entries %d keys %d%n",
        url, target.concurrency, target.loops, target.warmup, target.duration, entries, keys);
    long generateStart = System.nanoTime();
    List<byte[]> bodies = HashedRekords.generate(entries, keys, seed);
    WriteWorkload workload = new WriteWorkload(url, bodies, verify);
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
    return verify > 0 ? verifySample(workload.sampled(), out) : 0;
  }

  private static int verifySample(List<byte[]> sample, PrintStream out) {
    int failed = 0;
    for (byte[] response : sample) {
      try {
        InclusionCheck.verify(response);
      } catch (ProofVerificationException | RuntimeException e) {
        failed++;
        if (failed <= 3) {
          out.printf("verify   FAILED: %s%n", e);
        }
      }
    }
    out.printf(
        "verify   %d of %d sampled 201 responses verified%n",
        sample.size() - failed, sample.size());
    return failed == 0 && !sample.isEmpty() ? 0 : 1;
  }
}
