package dev.waxseal.bench.load;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
  @Mixin WriteOptions write = new WriteOptions();

  @Override
  public Integer call() throws Exception {
    write.run("write-v2", "/api/v2/log/entries", true, 0, System.out);
    return 0;
  }
}
