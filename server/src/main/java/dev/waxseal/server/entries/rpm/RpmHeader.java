package dev.waxseal.server.entries.rpm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One header structure of an RPM file (the signature header or the main header): a magic, an index
 * of {@code (tag, type, offset, count)} entries and a data store, all big-endian.
 *
 * <p>Immutable.
 */
final class RpmHeader {
  static final int TYPE_INT32 = 4;
  static final int TYPE_STRING = 6;
  static final int TYPE_BIN = 7;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18N_STRING = 9;

  private static final int INTRO = 16;
  private static final int INDEX_ENTRY = 16;
  private static final int MAX_ENTRIES = 0x10000;

  private record Entry(int type, int offset, int count) {}

  private final Map<Integer, Entry> entries;
  private final byte[] data;
  private final int length;

  private RpmHeader(Map<Integer, Entry> entries, byte[] data, int length) {
    this.entries = entries;
    this.data = data;
    this.length = length;
  }

  /**
   * Reads the header that starts at {@code offset}.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  static RpmHeader read(byte[] file, int offset) {
    if (file.length - offset < INTRO) {
      throw new IllegalArgumentException("truncated header");
    }
    if ((file[offset] & 0xff) != 0x8e
        || (file[offset + 1] & 0xff) != 0xad
        || (file[offset + 2] & 0xff) != 0xe8
        || file[offset + 3] != 1) {
      throw new IllegalArgumentException("bad header magic");
    }
    long count = u32(file, offset + 8);
    long size = u32(file, offset + 12);
    if (count < 1 || count > MAX_ENTRIES) {
      throw new IllegalArgumentException("header index count " + count + " out of range");
    }
    long length = INTRO + count * INDEX_ENTRY + size;
    if (length > file.length - (long) offset) {
      throw new IllegalArgumentException("header runs past the end of the file");
    }
    int dataStart = offset + INTRO + (int) count * INDEX_ENTRY;
    byte[] data = Arrays.copyOfRange(file, dataStart, dataStart + (int) size);
    Map<Integer, Entry> entries = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int at = offset + INTRO + i * INDEX_ENTRY;
      int tag = (int) u32(file, at);
      long type = u32(file, at + 4);
      long entryOffset = u32(file, at + 8);
      long entryCount = u32(file, at + 12);
      if (type > TYPE_I18N_STRING || entryOffset > size || entryCount > size + 1) {
        throw new IllegalArgumentException("header index entry " + i + " out of range");
      }
      entries.put(tag, new Entry((int) type, (int) entryOffset, (int) entryCount));
    }
    return new RpmHeader(Map.copyOf(entries), data, (int) length);
  }

  /** The header's length in the file: intro, index and data store. */
  int length() {
    return length;
  }

  /** A {@code BIN} value, or empty if the tag is absent or of another type. */
  Optional<byte[]> bin(int tag) {
    Entry e = entries.get(tag);
    if (e == null || e.type() != TYPE_BIN || e.offset() + (long) e.count() > data.length) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(data, e.offset(), e.offset() + e.count()));
  }

  /** The first string of a string-typed value, or {@code ""} (as go-rpm's accessors). */
  String string(int tag) {
    Entry e = entries.get(tag);
    if (e == null
        || (e.type() != TYPE_STRING
            && e.type() != TYPE_STRING_ARRAY
            && e.type() != TYPE_I18N_STRING)) {
      return "";
    }
    int end = e.offset();
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, e.offset(), end - e.offset(), StandardCharsets.UTF_8);
  }

  /** The first value of an {@code INT32} tag, or 0. */
  int int32(int tag) {
    Entry e = entries.get(tag);
    if (e == null || e.type() != TYPE_INT32 || e.count() < 1 || e.offset() + 4L > data.length) {
      return 0;
    }
    return (int) u32(data, e.offset());
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24)
        | ((b[at + 1] & 0xffL) << 16)
        | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }
}
