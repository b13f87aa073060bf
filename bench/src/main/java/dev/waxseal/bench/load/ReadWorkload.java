package dev.waxseal.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads at random over a tree of a given size: {@code entry} fetches {@code GET
 * /api/v1/log/entries?logIndex=i} for a uniform index, {@code proof} fetches {@code GET
 * /api/v1/log/proof?firstSize=a&lastSize=b} for uniform {@code 1 <= a <= b <= size}. The share of
 * entry reads is {@code entryShare}; never runs out.
 */
final class ReadWorkload implements Workload {
  private final URI base;
  private final long treeSize;
  private final double entryShare;
  private final Duration timeout;

  ReadWorkload(URI base, long treeSize, double entryShare, Duration timeout) {
    if (treeSize < 1) {
      throw new IllegalArgumentException("tree size " + treeSize + ", want at least 1 entry");
    }
    this.base = base;
    this.treeSize = treeSize;
    this.entryShare = entryShare;
    this.timeout = timeout;
  }

  @Override
  public Call next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < entryShare) {
      long index = random.nextLong(treeSize);
      return new Call("entry", get("/api/v1/log/entries?logIndex=" + index), index);
    }
    long lastSize = 1 + random.nextLong(treeSize);
    long firstSize = 1 + random.nextLong(lastSize);
    return new Call(
        "proof",
        get("/api/v1/log/proof?firstSize=" + firstSize + "&lastSize=" + lastSize),
        lastSize);
  }

  private HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(timeout)
        .header("Accept", "application/json")
        .GET()
        .build();
  }
}
