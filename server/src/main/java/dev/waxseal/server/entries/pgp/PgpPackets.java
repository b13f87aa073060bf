package dev.waxseal.server.entries.pgp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * OpenPGP (RFC 4880) at the byte level, as Go's {@code golang.org/x/crypto/openpgp} writes it:
 * splitting a packet stream into (tag, body) pairs exactly as given, new-format packet headers, and
 * ASCII armor in Go's layout.
 *
 * <p>Stateless.
 */
public final class PgpPackets {
  private static final int CRC24_INIT = 0xB704CE;
  private static final int CRC24_POLY = 0x1864CFB;

  /** One packet: its tag and its body, without the header. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  public record Packet(int tag, byte[] body) {
    /** The packet with a new-format header, as Go's {@code serializeHeader} writes it. */
    public byte[] encoded() {
      return encode(tag, body);
    }
  }

  private PgpPackets() {}

  /**
   * Splits {@code data} into packets; old and new formats, no partial body lengths.
   *
   * @throws IllegalArgumentException if the stream is malformed
   */
  public static List<Packet> split(byte[] data) {
    List<Packet> packets = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      int first = data[at++] & 0xff;
      if ((first & 0x80) == 0) {
        throw new IllegalArgumentException("not an OpenPGP packet header at byte " + (at - 1));
      }
      int tag;
      long length;
      if ((first & 0x40) != 0) {
        tag = first & 0x3f;
        int o1 = octet(data, at++);
        if (o1 < 192) {
          length = o1;
        } else if (o1 < 224) {
          length = ((o1 - 192L) << 8) + octet(data, at++) + 192;
        } else if (o1 == 255) {
          length = 0;
          for (int i = 0; i < 4; i++) {
            length = (length << 8) | octet(data, at++);
          }
        } else {
          throw new IllegalArgumentException("partial body lengths are not supported");
        }
      } else {
        tag = (first >> 2) & 0x0f;
        int type = first & 3;
        if (type == 3) {
          length = (long) data.length - at;
        } else {
          int n = 1 << type;
          length = 0;
          for (int i = 0; i < n; i++) {
            length = (length << 8) | octet(data, at++);
          }
        }
      }
      if (length > data.length - at) {
        throw new IllegalArgumentException("packet runs past the end of the data");
      }
      packets.add(new Packet(tag, Arrays.copyOfRange(data, at, at + (int) length)));
      at += (int) length;
    }
    return packets;
  }

  private static int octet(byte[] data, int at) {
    if (at >= data.length) {
      throw new IllegalArgumentException("truncated packet header");
    }
    return data[at] & 0xff;
  }

  /** A new-format packet: {@code 0xC0|tag}, one-, two- or five-octet length, body. */
  public static byte[] encode(int tag, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 6);
    out.write(0xc0 | tag);
    int length = body.length;
    if (length < 192) {
      out.write(length);
    } else if (length < 8384) {
      int l = length - 192;
      out.write(192 + (l >> 8));
      out.write(l);
    } else {
      out.write(255);
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
    }
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /**
   * ASCII armor exactly as Go's {@code armor.Encode} with no headers writes it: the BEGIN line, an
   * empty line, base64 in lines of 64 characters, {@code =} and the CRC-24 on its own line, the END
   * line with no newline after it.
   */
  public static byte[] armor(String type, byte[] data) {
    String base64 = Base64.getEncoder().encodeToString(data);
    StringBuilder s = new StringBuilder("-----BEGIN ").append(type).append("-----\n\n");
    for (int i = 0; i < base64.length(); i += 64) {
      if (i > 0) {
        s.append('\n');
      }
      s.append(base64, i, Math.min(base64.length(), i + 64));
    }
    int crc = crc24(data);
    byte[] crcBytes = {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
    s.append("\n=").append(Base64.getEncoder().encodeToString(crcBytes));
    s.append("\n-----END ").append(type).append("-----");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** RFC 4880 §6.1 CRC-24. */
  public static int crc24(byte[] data) {
    int crc = CRC24_INIT;
    for (byte b : data) {
      crc ^= (b & 0xff) << 16;
      for (int i = 0; i < 8; i++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= CRC24_POLY;
        }
      }
    }
    return crc & 0xffffff;
  }
}
