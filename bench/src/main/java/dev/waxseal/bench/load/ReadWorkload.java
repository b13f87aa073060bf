package dev.waxseal.bench.load;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads at random over a tree of a given size: {@code entry} fetches {@code GET
 * /api/v1/log/entries?logIndex=i} for a uniform index, {@code proof} fetches {@code GET
 * /api/v1/log/proof?firstSize=a&lastSize=b} for uniform {@code 1 <= a <= b <= size}. The share of
 * entry reads is {@code entryShare}; never runs out.
 */
final class ReadWorkload implements Workload {
  private final HttpRequests requests;
  private final long treeSize;
  private final double entryShare;

  ReadWorkload(URI base, long treeSize, double entryShare) {
    if (treeSize < 1) {
      throw new IllegalArgumentException("tree size " + treeSize + ", want at least 1 entry");
    }
    this.requests = new HttpRequests(base);
    this.treeSize = treeSize;
    this.entryShare = entryShare;
  }

  @Override
  public Call next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < entryShare) {
      long index = random.nextLong(treeSize);
      return new Call("entry", requests.get("/api/v1/log/entries?logIndex=" + index), index);
    }
    long lastSize = 1 + random.nextLong(treeSize);
    long firstSize = 1 + random.nextLong(lastSize);
    return new Call(
        "proof",
        requests.get("/api/v1/log/proof?firstSize=" + firstSize + "&lastSize=" + lastSize),
        lastSize);
  }
}
