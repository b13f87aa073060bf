package dev.waxseal.server.entries.alpine;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One member of a gzip file (RFC 1952) read at an offset, as Go's {@code gzip.Reader} with {@code
 * Multistream(false)} reads it: the header, the raw deflate data, and the CRC-32 and size trailer,
 * both checked. Knowing exactly where the member ends is what an APK needs: its signature covers
 * the compressed bytes of the control member.
 *
 * @param data the decompressed bytes
 * @param end the offset just after the member's trailer
 */
// Short-lived: never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
record GzipMember(byte[] data, int end) {
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int TRAILER = 8;

  /** Why a member could not be read; the message is Go's wording where it has one. */
  static final class GzipException extends Exception {
    private static final long serialVersionUID = 1L;

    GzipException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the member that starts at {@code offset}.
   *
   * @param maxSize the most decompressed bytes accepted
   * @throws GzipException if the header, the deflate data or the trailer is malformed, or the data
   *     is larger than {@code maxSize}
   */
  static GzipMember read(byte[] file, int offset, int maxSize) throws GzipException {
    int at = offset;
    if (file.length - at < 10) {
      throw new GzipException(at == file.length ? "EOF" : "unexpected EOF");
    }
    if ((file[at] & 0xff) != 0x1f || (file[at + 1] & 0xff) != 0x8b || file[at + 2] != 8) {
      throw new GzipException("gzip: invalid header");
    }
    int flags = file[at + 3] & 0xff;
    at += 10;
    if ((flags & FEXTRA) != 0) {
      need(file, at, 2);
      int length = (file[at] & 0xff) | (file[at + 1] & 0xff) << 8;
      at += 2;
      need(file, at, length);
      at += length;
    }
    if ((flags & FNAME) != 0) {
      at = skipZeroTerminated(file, at);
    }
    if ((flags & FCOMMENT) != 0) {
      at = skipZeroTerminated(file, at);
    }
    if ((flags & FHCRC) != 0) {
      need(file, at, 2);
      CRC32 crc = new CRC32();
      crc.update(file, offset, at - offset);
      int want = (file[at] & 0xff) | (file[at + 1] & 0xff) << 8;
      if (((int) crc.getValue() & 0xffff) != want) {
        throw new GzipException("gzip: invalid header");
      }
      at += 2;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(file, at, file.length - at);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new GzipException("unexpected EOF");
        }
        if (out.size() + n > maxSize) {
          throw new GzipException("decompressed size exceeds " + maxSize + " bytes");
        }
        out.write(buffer, 0, n);
      }
      at = file.length - inflater.getRemaining();
      need(file, at, TRAILER);
      byte[] data = out.toByteArray();
      CRC32 crc = new CRC32();
      crc.update(data);
      if ((int) crc.getValue() != le32(file, at) || data.length != le32(file, at + 4)) {
        throw new GzipException("gzip: invalid checksum");
      }
      return new GzipMember(data, at + TRAILER);
    } catch (DataFormatException e) {
      throw new GzipException("flate: corrupt input");
    } finally {
      inflater.end();
    }
  }

  private static int skipZeroTerminated(byte[] file, int at) throws GzipException {
    int i = at;
    while (i < file.length && file[i] != 0) {
      i++;
    }
    if (i == file.length) {
      throw new GzipException("unexpected EOF");
    }
    return i + 1;
  }

  private static void need(byte[] file, int at, int n) throws GzipException {
    if (file.length - at < n) {
      throw new GzipException("unexpected EOF");
    }
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }
}
