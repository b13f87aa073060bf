package dev.waxseal.server.storage;

/**
 * A row of {@code tiles}: up to 256 consecutive node hashes of one tile level.
 *
 * @param level the tile level (node level / 8)
 * @param index the tile index within its level
 * @param hashes {@code 32 × width} bytes
 */
@SuppressWarnings("ArrayRecordComponent") // rows carry bytes straight from and to JDBC
public record TileRow(int level, long index, byte[] hashes) {
  /** The number of hashes in the tile. */
  public int width() {
    return hashes.length / 32;
  }
}
