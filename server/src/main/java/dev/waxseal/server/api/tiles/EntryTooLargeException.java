package dev.waxseal.server.api.tiles;

import dev.waxseal.merkle.tiles.EntryBundle;

/**
 * An entry bundle cannot be served: one of its entries is longer than the 65,535 bytes a C2SP
 * bundle's {@code uint16} length can state. Permanent for that bundle; answered with 500 and a
 * message naming the entry (docs/tiles.md "Decisions").
 */
final class EntryTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EntryTooLargeException(String path, long virtualIndex, int length) {
    super(
        path
            + " cannot be served: entry "
            + virtualIndex
            + " is "
            + length
            + " bytes, and C2SP entry bundles hold entries of at most "
            + EntryBundle.MAX_ENTRY
            + " bytes; read it at /api/v1/log/entries?logIndex="
            + virtualIndex);
  }
}
