package dev.waxseal.server.entries.pki;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache of parsed keys by their submitted PEM bytes: the same signing key or certificate
 * arrives again and again, and parsing (point decompression checks, certificate decoding) is on the
 * append path.
 *
 * <p>Thread-safe and lock-free. Only successful parses are cached. When full, an arbitrary entry is
 * evicted; exact LRU order is not worth a lock here.
 */
public final class X509PublicKeyCache {
  private final int maxEntries;
  private final ConcurrentHashMap<ByteBuffer, X509PublicKey> cache;

  /**
   * Creates a cache holding at most {@code maxEntries} keys.
   *
   * @throws IllegalArgumentException if {@code maxEntries < 1}
   */
  public X509PublicKeyCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries " + maxEntries + " < 1");
    }
    this.maxEntries = maxEntries;
    this.cache = new ConcurrentHashMap<>();
  }

  /**
   * Returns the parsed key for {@code pem}, parsing it on a miss.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException as {@link X509PublicKey#parse}
   */
  public X509PublicKey parse(byte[] pem) {
    ByteBuffer lookup = ByteBuffer.wrap(pem);
    X509PublicKey cached = cache.get(lookup);
    if (cached != null) {
      return cached;
    }
    X509PublicKey parsed = X509PublicKey.parse(pem);
    if (cache.size() >= maxEntries) {
      Iterator<ByteBuffer> victims = cache.keySet().iterator();
      if (victims.hasNext()) {
        cache.remove(victims.next());
      }
    }
    cache.putIfAbsent(ByteBuffer.wrap(pem.clone()), parsed);
    return parsed;
  }

  /** The number of cached keys, for tests and metrics. */
  public int size() {
    return cache.size();
  }
}
