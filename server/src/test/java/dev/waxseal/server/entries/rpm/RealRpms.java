package dev.waxseal.server.entries.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The packages built by {@code rpmbuild} and signed by {@code rpmsign} (rpm 4.18) in {@code
 * src/test/resources/entries/rpm} (see its README), and where their parts are, found here with
 * plain offset arithmetic independent of the code under test.
 */
final class RealRpms {
  private static final int LEAD = 96;

  private RealRpms() {}

  static byte[] load(String name) {
    try (InputStream in = RealRpms.class.getResourceAsStream("/entries/rpm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource entries/rpm/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int u32(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 4).getInt();
  }

  /** Where the main header starts: after the lead and the signature header padded to 8. */
  static int mainStart(byte[] rpm) {
    int length = 16 + 16 * u32(rpm, LEAD + 8) + u32(rpm, LEAD + 12);
    return LEAD + length + (8 - length % 8) % 8;
  }

  /** Where the main header's data store starts. */
  static int mainData(byte[] rpm) {
    int main = mainStart(rpm);
    return main + 16 + 16 * u32(rpm, main + 8);
  }

  /** Where the payload starts: after the main header. */
  static int payloadStart(byte[] rpm) {
    int main = mainStart(rpm);
    return mainData(rpm) + u32(rpm, main + 12);
  }

  /** Where a signature header value starts and ends, as {@code {start, end}} (binary values). */
  static int[] signatureValue(byte[] rpm, int tag) {
    int count = u32(rpm, LEAD + 8);
    int data = LEAD + 16 + 16 * count;
    for (int i = 0; i < count; i++) {
      int at = LEAD + 16 + 16 * i;
      if (u32(rpm, at) == tag) {
        int start = data + u32(rpm, at + 8);
        return new int[] {start, start + u32(rpm, at + 12)};
      }
    }
    throw new IllegalArgumentException("no tag " + tag);
  }

  /** A copy with one bit of the byte at {@code at} flipped. */
  static byte[] flip(byte[] rpm, int at) {
    byte[] copy = rpm.clone();
    copy[at] ^= 1;
    return copy;
  }
}
