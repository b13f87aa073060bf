package dev.waxseal.server.entries.jar;

import static dev.waxseal.server.entries.jar.JarKind.malformed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A ZIP archive in memory, read through its central directory (APPNOTE 4.3.12, 4.3.16) as Go's
 * {@code archive/zip.NewReader} does: the files in central-directory order, each with its declared
 * uncompressed size, readable (stored or deflated) with the CRC-32 checked. ZIP64 and encryption
 * are refused.
 */
final class ZipArchive {
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int END_SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;

  /** One file of the archive, as its central directory header describes it. */
  record Entry(
      String name, int method, long compressedSize, long uncompressedSize, long crc, long offset) {}

  private final ByteBuffer data;
  private final List<Entry> entries;

  private ZipArchive(ByteBuffer data, List<Entry> entries) {
    this.data = data;
    this.entries = entries;
  }

  /**
   * Reads the central directory of {@code bytes} (not copied: the caller keeps it unchanged).
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException if it is not a ZIP archive this reader
   *     supports
   */
  static ZipArchive read(byte[] bytes) {
    ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int end = findEnd(data);
    int count = data.getShort(end + 10) & 0xffff;
    long size = data.getInt(end + 12) & 0xffffffffL;
    long offset = data.getInt(end + 16) & 0xffffffffL;
    if (count == 0xffff || size == 0xffffffffL || offset == 0xffffffffL) {
      throw malformed("zip: ZIP64 archives are not supported");
    }
    if (offset + size > end) {
      throw malformed("zip: not a valid zip file");
    }
    List<Entry> entries = new ArrayList<>(count);
    int position = (int) offset;
    for (int i = 0; i < count; i++) {
      if (position + 46 > end || data.getInt(position) != CENTRAL_SIGNATURE) {
        throw malformed("zip: not a valid zip file");
      }
      int flags = data.getShort(position + 8) & 0xffff;
      int method = data.getShort(position + 10) & 0xffff;
      long crc = data.getInt(position + 16) & 0xffffffffL;
      long compressed = data.getInt(position + 20) & 0xffffffffL;
      long uncompressed = data.getInt(position + 24) & 0xffffffffL;
      int nameLength = data.getShort(position + 28) & 0xffff;
      int extraLength = data.getShort(position + 30) & 0xffff;
      int commentLength = data.getShort(position + 32) & 0xffff;
      long localOffset = data.getInt(position + 42) & 0xffffffffL;
      if ((flags & 1) != 0) {
        throw malformed("zip: encrypted entries are not supported");
      }
      if (position + 46 + nameLength > end) {
        throw malformed("zip: not a valid zip file");
      }
      byte[] name = new byte[nameLength];
      data.get(position + 46, name);
      entries.add(
          new Entry(
              new String(name, StandardCharsets.UTF_8),
              method,
              compressed,
              uncompressed,
              crc,
              localOffset));
      position += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(data, List.copyOf(entries));
  }

  private static int findEnd(ByteBuffer data) {
    int limit = data.capacity();
    int lowest = Math.max(0, limit - END_SIZE - MAX_COMMENT);
    for (int i = limit - END_SIZE; i >= lowest; i--) {
      if (data.getInt(i) == END_SIGNATURE) {
        return i;
      }
    }
    throw malformed("zip: not a valid zip file");
  }

  /** The files, in central-directory order. */
  List<Entry> entries() {
    return entries;
  }

  /**
   * The uncompressed content of {@code entry}.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException if it cannot be read or its checksum
   *     does not match
   */
  byte[] content(Entry entry) {
    if (entry.uncompressedSize() > Integer.MAX_VALUE - 8
        || entry.compressedSize() > Integer.MAX_VALUE - 8) {
      throw malformed("zip: " + entry.name() + " is too large");
    }
    long local = entry.offset();
    if (local + 30 > data.capacity() || data.getInt((int) local) != LOCAL_SIGNATURE) {
      throw malformed("zip: not a valid zip file");
    }
    int nameLength = data.getShort((int) local + 26) & 0xffff;
    int extraLength = data.getShort((int) local + 28) & 0xffff;
    long start = local + 30 + nameLength + extraLength;
    if (start + entry.compressedSize() > data.capacity()) {
      throw malformed("zip: not a valid zip file");
    }
    byte[] raw = new byte[(int) entry.compressedSize()];
    data.get((int) start, raw);
    byte[] content =
        switch (entry.method()) {
          case 0 -> raw;
          case 8 -> inflate(raw, (int) entry.uncompressedSize(), entry.name());
          default -> throw malformed("zip: unsupported compression algorithm");
        };
    if (content.length != entry.uncompressedSize()) {
      throw malformed("zip: " + entry.name() + " has the wrong size");
    }
    CRC32 crc = new CRC32();
    crc.update(content);
    if (crc.getValue() != entry.crc()) {
      throw malformed("zip: checksum error");
    }
    return content;
  }

  private static byte[] inflate(byte[] raw, int size, String name) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(raw);
      // One byte more than declared: an entry that inflates to more is refused, not truncated.
      byte[] out = new byte[size + 1];
      int total = 0;
      while (!inflater.finished() && total < out.length) {
        int n = inflater.inflate(out, total, out.length - total);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        total += n;
      }
      if (!inflater.finished() || total != size) {
        throw malformed("zip: " + name + " has the wrong size");
      }
      return java.util.Arrays.copyOf(out, total);
    } catch (DataFormatException e) {
      throw malformed("zip: " + name + " is not valid deflate data");
    } finally {
      inflater.end();
    }
  }
}
