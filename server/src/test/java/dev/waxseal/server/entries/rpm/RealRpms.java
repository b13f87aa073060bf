package dev.waxseal.server.entries.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

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

  /**
   * A copy whose signature header is rebuilt from its entries after {@code change}; the main header
   * and payload are kept as they are.
   */
  static byte[] withSignatureHeader(byte[] rpm, UnaryOperator<List<Rpms.Tag>> change) {
    int count = u32(rpm, LEAD + 8);
    int data = LEAD + 16 + 16 * count;
    List<Rpms.Tag> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int at = LEAD + 16 + 16 * i;
      int type = u32(rpm, at + 4);
      int start = data + u32(rpm, at + 8);
      int n = u32(rpm, at + 12);
      int end =
          switch (type) {
            case 4 -> start + 4 * n;
            case 7 -> start + n;
            case 6 -> {
              int nul = start;
              while (rpm[nul] != 0) {
                nul++;
              }
              yield nul + 1;
            }
            default -> throw new IllegalArgumentException("type " + type);
          };
      tags.add(new Rpms.Tag(u32(rpm, at), type, n, Arrays.copyOfRange(rpm, start, end)));
    }
    byte[] header = Rpms.header(change.apply(tags));
    byte[] padded = Arrays.copyOf(header, header.length + (8 - header.length % 8) % 8);
    byte[] out = Rpms.concat(Arrays.copyOf(rpm, LEAD), padded);
    return Rpms.concat(out, Arrays.copyOfRange(rpm, mainStart(rpm), rpm.length));
  }

  /** A copy with one bit of the byte at {@code at} flipped. */
  static byte[] flip(byte[] rpm, int at) {
    byte[] copy = rpm.clone();
    copy[at] ^= 1;
    return copy;
  }
}
