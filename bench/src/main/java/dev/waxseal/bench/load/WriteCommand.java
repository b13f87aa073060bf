package dev.waxseal.bench.load;

import dev.waxseal.merkle.proof.ProofVerificationException;
import java.io.PrintStream;
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
  @Mixin WriteOptions write = new WriteOptions();

  @Option(
      names = "--verify",
      defaultValue = "0",
      description = "Verify the inclusion proofs of about this many 201 responses (default: none).")
  int verify;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    WriteWorkload workload = write.run("write", "/api/v1/log/entries", false, verify, out);
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
