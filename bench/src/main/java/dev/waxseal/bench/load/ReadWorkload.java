package dev.waxseal.bench.load;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads at random over a tree of a given size: {@code entry} fetches {@code GET
 * /api/v1/log/entries?logIndex=i} for a uniform index, {@code proof} fetches {@code GET
 * /api/v1/log/proof?firstSize=a&lastSize=b} for uniform {@code 1 <= a <= b <= size}. The share of
 * entry reads is {@code entryShare}; never runs out.
 *
 * <p>With a recent window {@code W > 0}, a share {@code recentShare} of the reads is skewed to the
 * newest {@code W} entries, as real traffic is (clients verify what was just logged, monitors
 * follow the head): the index, and both sizes of a proof, fall in the last {@code W} of the tree.
 * The rest stay uniform over the whole tree.
 */
final class ReadWorkload implements Workload {
  private final HttpRequests requests;
  private final long treeSize;
  private final double entryShare;
  private final long recentWindow;
  private final double recentShare;

  ReadWorkload(URI base, long treeSize, double entryShare) {
    this(base, treeSize, entryShare, 0, 0);
  }

  ReadWorkload(URI base, long treeSize, double entryShare, long recentWindow, double recentShare) {
    if (treeSize < 1) {
      throw new IllegalArgumentException("tree size " + treeSize + ", want at least 1 entry");
    }
    this.requests = new HttpRequests(base);
    this.treeSize = treeSize;
    this.entryShare = entryShare;
    this.recentWindow = Math.min(recentWindow, treeSize);
    this.recentShare = recentShare;
  }

  @Override
  public Call next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // The reads fall in [low, treeSize): the whole tree, or its newest recentWindow entries.
    long low = recentWindow > 0 && random.nextDouble() < recentShare ? treeSize - recentWindow : 0;
    if (random.nextDouble() < entryShare) {
      long index = low + random.nextLong(treeSize - low);
      return new Call("entry", requests.get("/api/v1/log/entries?logIndex=" + index), index);
    }
    long lastSize = low + 1 + random.nextLong(treeSize - low);
    long firstSize = low + 1 + random.nextLong(lastSize - low);
    return new Call(
        "proof",
        requests.get("/api/v1/log/proof?firstSize=" + firstSize + "&lastSize=" + lastSize),
        lastSize);
  }
}
