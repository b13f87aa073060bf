package dev.waxseal.client.tiles;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.merkle.tiles.EntryBundle;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileReader;
import dev.waxseal.merkle.tiles.TileRef;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a C2SP tlog-tiles log: {@code <prefix>/checkpoint}, {@code tile/<L>/<N>[.p/<W>]} and {@code
 * tile/entries/<N>[.p/<W>]}.
 *
 * <p>A tile or bundle of the wrong length counts as a failed fetch and is retried like a 5xx: a
 * truncated response is the usual cause, and a log that keeps serving it cannot be checked. Fetches
 * of many tiles run on a pool of {@link dev.waxseal.client.http.HttpOptions#parallelism} threads;
 * close the client to stop it.
 */
public final class TileClient implements AutoCloseable {
  private final HttpFetcher http;
  private final URI base;
  private final ExecutorService pool;

  /** A reader of the tile log at {@code base} (the prefix, e.g. {@code https://host/}). */
  public TileClient(HttpFetcher http, URI base) {
    this.http = http;
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.pool = Executors.newFixedThreadPool(http.options().parallelism(), TileClient::daemon);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "waxseal-tiles");
    thread.setDaemon(true);
    return thread;
  }

  /** {@code GET checkpoint}, the signed note as text. */
  public String checkpoint() throws FetchException, InterruptedException {
    return new String(http.get(base.resolve("checkpoint")), StandardCharsets.UTF_8);
  }

  /** {@code GET checkpoint} if the log serves tiles at all; empty on 404. */
  public Optional<String> checkpointIfPresent() throws FetchException, InterruptedException {
    return http.getIfPresent(base.resolve("checkpoint"))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** Fetches one hash tile of exactly {@code ref.width()} hashes. */
  public Tile tile(TileRef ref) throws FetchException, InterruptedException {
    byte[] bytes = fetchExactly(ref.path(), (long) ref.width() * 32, ref.width());
    return Tile.of(ref.id(), bytes);
  }

  /** Fetches the entry bundle {@code index} of exactly {@code width} entries. */
  public List<byte[]> entryBundle(long index, int width)
      throws FetchException, InterruptedException {
    String path = TileGeometry.entriesPath(index, width);
    FetchException last = null;
    for (int attempt = 0; attempt < http.options().maxAttempts(); attempt++) {
      byte[] bytes = http.get(base.resolve(path));
      try {
        List<byte[]> entries = EntryBundle.decode(bytes);
        if (entries.size() == width) {
          return entries;
        }
        last = new FetchException(path + ": " + entries.size() + " entries, want " + width, 200);
      } catch (IllegalArgumentException e) {
        last = new FetchException(path + ": truncated or malformed bundle: " + e.getMessage(), 200);
      }
    }
    throw java.util.Objects.requireNonNull(last);
  }

  /** Fetches many tiles in parallel, in order. */
  public List<Tile> tiles(List<TileRef> refs) throws FetchException, InterruptedException {
    List<Future<Tile>> futures = new ArrayList<>();
    for (TileRef ref : refs) {
      futures.add(pool.submit(() -> tile(ref)));
    }
    List<Tile> tiles = new ArrayList<>();
    for (Future<Tile> future : futures) {
      tiles.add(await(future));
    }
    return tiles;
  }

  /**
   * Fetches the entries {@code [from, to)} of a tree of at least {@code to} leaves, bundles in
   * parallel, in index order.
   */
  public List<byte[]> entries(long from, long to) throws FetchException, InterruptedException {
    List<Future<List<byte[]>>> futures = new ArrayList<>();
    List<long[]> cuts = new ArrayList<>();
    for (long bundle = from / 256; bundle * 256 < to; bundle++) {
      long start = bundle * 256;
      int width = (int) Math.min(256, to - start);
      long bundleIndex = bundle;
      futures.add(pool.submit(() -> entryBundle(bundleIndex, width)));
      cuts.add(new long[] {Math.max(from, start) - start, width});
    }
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      List<byte[]> bundle = await(futures.get(i));
      entries.addAll(bundle.subList((int) cuts.get(i)[0], (int) cuts.get(i)[1]));
    }
    return entries;
  }

  /**
   * A merkle {@link TileReader} over this log at {@code treeSize}, for {@link
   * dev.waxseal.merkle.tiles.TileProofs}; fetch failures surface as {@link UncheckedIOException}.
   */
  public TileReader reader(long treeSize) {
    return ids -> {
      List<TileRef> refs = new ArrayList<>();
      for (TileId id : ids) {
        refs.add(new TileRef(id, TileGeometry.width(id, treeSize)));
      }
      try {
        return tiles(refs);
      } catch (FetchException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fetching tiles", e);
      }
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private byte[] fetchExactly(String path, long length, int width)
      throws FetchException, InterruptedException {
    FetchException last = null;
    for (int attempt = 0; attempt < http.options().maxAttempts(); attempt++) {
      byte[] bytes = http.get(base.resolve(path));
      if (bytes.length == length) {
        return bytes;
      }
      last =
          new FetchException(
              path
                  + ": truncated tile: "
                  + bytes.length
                  + " bytes, want "
                  + length
                  + " ("
                  + width
                  + " hashes)",
              200);
    }
    throw java.util.Objects.requireNonNull(last);
  }

  private static <T> T await(Future<T> future) throws FetchException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof FetchException fetch) {
        throw fetch;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new FetchException("fetch failed: " + cause, e);
    }
  }
}
