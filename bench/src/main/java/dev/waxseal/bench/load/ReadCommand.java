package dev.waxseal.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code read}: reads the tree size from {@code GET /api/v1/log}, then fetches entries by random
 * index and consistency proofs between random sizes up to it.
 */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description = "GET entries by random logIndex and consistency proofs between random sizes.")
public final class ReadCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--entry-share",
      defaultValue = "0.5",
      description = "Share of entry reads; the rest are proofs (default: ${DEFAULT-VALUE}).")
  double entryShare = 0.5;

  @Option(
      names = "--max-size",
      defaultValue = "0",
      description =
          "Read only below this size: indexes < N, proofs between sizes <= N, to measure a smaller"
              + " log on a larger one; entries are still proven against the whole tree"
              + " (default: the tree size).")
  long maxSize;

  @Option(
      names = "--recent-window",
      defaultValue = "0",
      description =
          "Skew reads to the newest W entries (indexes and both proof sizes in the last W of the"
              + " tree read), for --recent-share of the reads; 0 = uniform (default:"
              + " ${DEFAULT-VALUE}).")
  long recentWindow;

  @Option(
      names = "--recent-share",
      defaultValue = "0.9",
      description = "Share of reads in the recent window (default: ${DEFAULT-VALUE}).")
  double recentShare = 0.9;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    URI url = target.checkedUrl();
    HttpClient client = target.client();
    long treeSize = treeSize(client, url);
    long readBelow = maxSize > 0 ? Math.min(maxSize, treeSize) : treeSize;
    out.printf(
        "read     %s concurrency %d loops %d warmup %s duration %s tree size %d reading below %d"
            + " entry share %.2f recent window %d share %.2f%n",
        url,
        target.concurrency,
        target.loops,
        target.warmup,
        target.duration,
        treeSize,
        readBelow,
        entryShare,
        recentWindow,
        recentWindow > 0 ? recentShare : 0.0);
    TargetOptions.printLoad(out, "before");
    ReadWorkload workload = new ReadWorkload(url, readBelow, entryShare, recentWindow, recentShare);
    ClosedLoop.Summary summary =
        target.closedLoop(workload).run(target.warmup, target.duration, target.interval, out);
    TargetOptions.printLoad(out, "after");
    summary.print(out);
    return 0;
  }

  private long treeSize(HttpClient client, URI url) throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(url.resolve("/api/v1/log")).timeout(target.timeout).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/log returned " + response.statusCode());
    }
    return JsonMapper.builder().build().readTree(response.body()).get("treeSize").longValue();
  }
}
