package dev.waxseal.server.entries.rpm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One header structure of an RPM file (the signature header or the main header), read as
 * go-rpmutils v0.4.0's {@code readHeader}: a 16-byte intro (magic {@code 8e ad e8 01}, reserved,
 * entry count, data size), an index of {@code (tag, type, offset, count)} entries and a data store,
 * all big-endian. The signature header's data store is padded to 8 bytes. Each value is cut out of
 * the data store by its type: fixed-size types by {@code count}, every other type as {@code count}
 * NUL-terminated strings. A later entry with the same tag replaces an earlier one.
 *
 * <p>Immutable.
 */
final class RpmHeader {
  private static final int TYPE_INT8 = 2;
  private static final int TYPE_INT16 = 3;
  private static final int TYPE_INT32 = 4;
  private static final int TYPE_INT64 = 5;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_BIN = 7;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18N_STRING = 9;
  private static final int TYPE_CHAR = 1;
  private static final int TYPE_NULL = 0;

  private static final int INTRO = 16;
  private static final int INDEX_ENTRY = 16;
  private static final long MAGIC = 0x8eade801L;
  private static final long U32 = 0xffffffffL;

  /** A value: its type, its count and where its bytes are in the file. */
  private record Entry(int type, int count, int start, int end) {}

  /** The digest the signature header gives for the main header, as go-rpmutils checks it. */
  record Digest(String hex, String algorithm) {}

  private final byte[] file;
  private final Map<Integer, Entry> entries;
  private final int start;
  private final int end;

  private RpmHeader(byte[] file, Map<Integer, Entry> entries, int start, int end) {
    this.file = file;
    this.entries = entries;
    this.start = start;
    this.end = end;
  }

  /**
   * Reads the header at the cursor and moves the cursor past it.
   *
   * @param signatureBlock whether this is the signature header (data store padded to 8 bytes)
   * @param digest the header's expected digest, checked before the index is read, or null
   * @throws RpmFormatException with go-rpmutils' wording
   */
  static RpmHeader read(RpmCursor in, boolean signatureBlock, @Nullable Digest digest) {
    byte[] file = in.file();
    int start = in.read(INTRO, "error reading RPM header: ");
    if (RpmCursor.u32(file, start) != MAGIC) {
      throw new RpmFormatException("bad magic for header");
    }
    long count = RpmCursor.u32(file, start + 8);
    long size = RpmCursor.u32(file, start + 12);
    // Go computes the table length in uint32 and lets it wrap; so do we.
    long tableLength = (count * INDEX_ENTRY) & U32;
    int table = in.read(tableLength, "error reading RPM header table: ");
    long dataLength = signatureBlock ? ((size + 7) & U32) / 8 * 8 : size;
    int data = in.read(dataLength, "error reading RPM header data: ");
    int end = in.position();
    if (digest != null && digest.hex().length() > 1) {
      checkDigest(file, start, end, digest);
    }
    Map<Integer, Entry> entries = new HashMap<>();
    Nuls nuls = new Nuls(file, data, (int) dataLength);
    for (long i = 0; i < count; i++) {
      if ((i + 1) * INDEX_ENTRY > tableLength) {
        // The wrapped table ran out before the count did: Go's binary.Read then reports EOF.
        throw new RpmFormatException("EOF");
      }
      int at = table + (int) i * INDEX_ENTRY;
      int tag = (int) RpmCursor.u32(file, at);
      int type = (int) RpmCursor.u32(file, at + 4);
      int offset = (int) RpmCursor.u32(file, at + 8);
      int n = (int) RpmCursor.u32(file, at + 12);
      long valueEnd = valueEnd(nuls, tag, type, offset, n);
      entries.put(tag, new Entry(type, n, data + offset, data + (int) valueEnd));
    }
    return new RpmHeader(file, entries, start, end);
  }

  private static void checkDigest(byte[] file, int start, int end, Digest digest) {
    byte[] computed = RpmDigests.digest(digest.algorithm(), file, start, end - start);
    if (!HexFormat.of().formatHex(computed).equals(digest.hex())) {
      throw new RpmFormatException(
          digest.algorithm() + " mismatch in signature header", RpmFormatException.Kind.DIGEST);
    }
  }

  /** Where a value ends in the data store, or why it cannot be cut out. */
  private static long valueEnd(Nuls nuls, int tag, int type, int offset, int count) {
    int dataLength = nuls.dataLength();
    int size = fixedSize(type);
    if (size >= 0) {
      long end = offset + (long) size * count;
      if (offset < 0 || end < offset || end > dataLength) {
        throw outOfRange(tag);
      }
      return end;
    }
    if (offset < 0 || offset > dataLength) {
      throw outOfRange(tag);
    }
    if (count <= 0) {
      return offset;
    }
    // The value is count NUL-terminated strings: it ends after the count-th NUL from offset.
    long last = (long) nuls.before(offset) + count - 1;
    if (last >= nuls.count()) {
      throw new RpmFormatException("tag " + tag + " is truncated");
    }
    return nuls.at((int) last) + 1L;
  }

  /**
   * The NULs of a data store, so that each string value's end is found in constant time however
   * many entries (and however large counts) point into the same bytes.
   */
  private static final class Nuls {
    private final int[] before;
    private final int[] positions;

    Nuls(byte[] file, int data, int dataLength) {
      before = new int[dataLength + 1];
      int n = 0;
      for (int i = 0; i < dataLength; i++) {
        before[i] = n;
        if (file[data + i] == 0) {
          n++;
        }
      }
      before[dataLength] = n;
      positions = new int[n];
      for (int i = 0, k = 0; i < dataLength; i++) {
        if (file[data + i] == 0) {
          positions[k++] = i;
        }
      }
    }

    int dataLength() {
      return before.length - 1;
    }

    /** How many NULs lie before {@code offset}. */
    int before(int offset) {
      return before[offset];
    }

    int count() {
      return positions.length;
    }

    /** Where the {@code k}-th NUL (from 0) is. */
    int at(int k) {
      return positions[k];
    }
  }

  // go-rpmutils panics here (Rekor answers 500); refusing the package says what is wrong.
  private static RpmFormatException outOfRange(int tag) {
    return new RpmFormatException(
        "error reading RPM header: tag " + tag + " lies outside the header's data store");
  }

  private static int fixedSize(int type) {
    return switch (type) {
      case TYPE_NULL -> 0;
      case TYPE_CHAR, TYPE_INT8, TYPE_BIN -> 1;
      case TYPE_INT16 -> 2;
      case TYPE_INT32 -> 4;
      case TYPE_INT64 -> 8;
      default -> -1;
    };
  }

  /** Where the header starts in the file. */
  int start() {
    return start;
  }

  /** Where the header ends in the file: after its data store (and, if any, its padding). */
  int end() {
    return end;
  }

  /**
   * A {@code BIN} value.
   *
   * @throws RpmFormatException ({@link RpmFormatException.Kind#NO_SUCH_TAG} if absent)
   */
  byte[] bytes(int tag) {
    Entry e = entry(tag);
    if (e.type() != TYPE_BIN) {
      throw new RpmFormatException("unsupported datatype for bytes: " + e.type() + ", tag: " + tag);
    }
    return Arrays.copyOfRange(file, e.start(), e.end());
  }

  /**
   * The first {@code count} strings of a string-typed value.
   *
   * @throws RpmFormatException ({@link RpmFormatException.Kind#NO_SUCH_TAG} if absent)
   */
  List<String> strings(int tag) {
    Entry e = entry(tag);
    if (e.type() != TYPE_STRING && e.type() != TYPE_STRING_ARRAY && e.type() != TYPE_I18N_STRING) {
      throw new RpmFormatException(
          "unsupported datatype for string: " + e.type() + ", tag: " + tag);
    }
    if (e.count() < 0) {
      throw outOfRange(tag);
    }
    // Exactly count NUL-terminated strings were cut out when the header was read.
    String[] parts =
        new String(file, e.start(), e.end() - e.start(), StandardCharsets.UTF_8).split("\0", -1);
    return List.of(parts).subList(0, e.count());
  }

  /**
   * The values of an integer-typed value, unsigned, widened to 64 bits.
   *
   * @param allow64 false to refuse {@code INT64} values, as go-rpmutils' {@code GetUint32s}
   * @throws RpmFormatException ({@link RpmFormatException.Kind#NO_SUCH_TAG} if absent)
   */
  long[] unsigned(int tag, boolean allow64) {
    Entry e = entry(tag);
    int size =
        switch (e.type()) {
          case TYPE_INT8, TYPE_CHAR -> 1;
          case TYPE_INT16 -> 2;
          case TYPE_INT32 -> 4;
          case TYPE_INT64 -> 8;
          default -> throw new RpmFormatException("tag " + tag + " isn't an int type");
        };
    if (size == 8 && !allow64) {
      throw new RpmFormatException("tag " + tag + " is too big for int type");
    }
    long[] values = new long[(e.end() - e.start()) / size];
    for (int i = 0; i < values.length; i++) {
      long v = 0;
      for (int b = 0; b < size; b++) {
        v = (v << 8) | (file[e.start() + i * size + b] & 0xffL);
      }
      values[i] = v;
    }
    return values;
  }

  private Entry entry(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      throw new RpmFormatException("No such entry " + tag, RpmFormatException.Kind.NO_SUCH_TAG);
    }
    return e;
  }
}
