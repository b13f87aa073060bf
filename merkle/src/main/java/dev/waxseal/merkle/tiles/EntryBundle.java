package dev.waxseal.merkle.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2SP tlog-tiles entry bundles: the entries of one level-0 tile, each as a big-endian {@code
 * uint16} length followed by that many bytes, concatenated.
 */
public final class EntryBundle {
  /** The largest entry a bundle can hold. */
  public static final int MAX_ENTRY = 0xFFFF;

  private EntryBundle() {}

  /**
   * Encodes {@code entries} as a bundle.
   *
   * @throws IllegalArgumentException if there are more than 256 entries or one is longer than
   *     65,535 bytes
   */
  public static byte[] encode(List<byte[]> entries) {
    if (entries.size() > TileGeometry.WIDTH) {
      throw new IllegalArgumentException(
          "bundle of " + entries.size() + " entries, at most " + TileGeometry.WIDTH);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] entry : entries) {
      if (entry.length > MAX_ENTRY) {
        throw new IllegalArgumentException(
            "entry of " + entry.length + " bytes, at most " + MAX_ENTRY);
      }
      out.write(entry.length >>> 8);
      out.write(entry.length & 0xFF);
      out.write(entry, 0, entry.length);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a bundle into its entries.
   *
   * @throws IllegalArgumentException if a length runs past the end of {@code bundle}, or it holds
   *     more than 256 entries (a tile's width), which {@link #encode} would not write
   */
  public static List<byte[]> decode(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int pos = 0;
    while (pos < bundle.length) {
      if (entries.size() == TileGeometry.WIDTH) {
        throw new IllegalArgumentException(
            "more than " + TileGeometry.WIDTH + " entries: bytes left at offset " + pos);
      }
      if (bundle.length - pos < 2) {
        throw new IllegalArgumentException("truncated entry length at offset " + pos);
      }
      int length = ((bundle[pos] & 0xFF) << 8) | (bundle[pos + 1] & 0xFF);
      pos += 2;
      if (bundle.length - pos < length) {
        throw new IllegalArgumentException(
            "entry of " + length + " bytes at offset " + pos + " runs past the end");
      }
      byte[] entry = new byte[length];
      System.arraycopy(bundle, pos, entry, 0, length);
      entries.add(entry);
      pos += length;
    }
    return entries;
  }
}
