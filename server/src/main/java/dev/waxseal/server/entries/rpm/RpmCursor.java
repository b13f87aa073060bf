package dev.waxseal.server.entries.rpm;

/**
 * Reads an RPM file front to back as go-rpmutils reads its stream with {@code io.ReadFull}: a read
 * past the end fails with {@code EOF} if nothing was left and {@code unexpected EOF} if part was.
 *
 * <p>Mutable; one per package read.
 */
final class RpmCursor {
  private final byte[] file;
  private int position;

  RpmCursor(byte[] file) {
    this.file = file;
  }

  byte[] file() {
    return file;
  }

  int position() {
    return position;
  }

  /**
   * Takes the next {@code length} bytes.
   *
   * @param context go-rpmutils' prefix for a short read, e.g. {@code "error reading RPM header: "}
   * @return where they start in the file
   * @throws RpmFormatException if fewer bytes are left
   */
  int read(long length, String context) {
    int start = position;
    int left = file.length - position;
    if (length == 0) {
      return start;
    }
    if (left == 0) {
      throw new RpmFormatException(context + "EOF");
    }
    if (left < length) {
      position = file.length;
      throw new RpmFormatException(context + "unexpected EOF");
    }
    position += (int) length;
    return start;
  }

  static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24)
        | ((b[at + 1] & 0xffL) << 16)
        | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }
}
