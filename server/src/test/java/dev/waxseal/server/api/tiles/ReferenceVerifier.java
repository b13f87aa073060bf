package dev.waxseal.server.api.tiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The spec client's hashing and verification, written from RFC 6962 (hashing) and RFC 9162 §2.1.3.2
 * / §2.1.4.2 (verifying inclusion and consistency) with the JDK's {@link MessageDigest}, sharing no
 * code with the server or the merkle module; and the C2SP entry bundle decoding.
 */
final class ReferenceVerifier {
  private ReferenceVerifier() {}

  /** Decodes an entry bundle: big-endian uint16 length ‖ entry, repeated. */
  static List<byte[]> decodeBundle(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(bundle);
    while (in.hasRemaining()) {
      int length = Short.toUnsignedInt(in.getShort());
      byte[] entry = new byte[length];
      in.get(entry);
      entries.add(entry);
    }
    return entries;
  }

  static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- RFC 6962 hashing and RFC 9162 verification ----

  static byte[] leafHash(byte[] entry) {
    return sha256(concat(new byte[] {0x00}, entry));
  }

  static byte[] hashChildren(byte[] left, byte[] right) {
    return sha256(concat(new byte[] {0x01}, left, right));
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * RFC 9162 §2.1.3.2: the root that {@code proof} gives for leaf {@code index} of {@code size}.
   */
  static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof) {
    if (index >= size) {
      throw new IllegalArgumentException("index " + index + " >= size " + size);
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new IllegalStateException("proof too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = hashChildren(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = hashChildren(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalStateException("proof too short");
    }
    return r;
  }

  /**
   * RFC 9162 §2.1.4.2: checks that {@code proof} shows {@code root1} at {@code size1} is a prefix
   * of {@code root2} at {@code size2}; throws if not.
   */
  static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (size1 == size2) {
      if (!proof.isEmpty() || !Arrays.equals(root1, root2)) {
        throw new IllegalStateException("equal sizes need an empty proof and equal roots");
      }
      return;
    }
    if (size1 == 0 || size1 > size2) {
      throw new IllegalArgumentException("sizes " + size1 + ", " + size2);
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(size1) == 1) {
      path.add(0, root1);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new IllegalStateException("consistency proof too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = hashChildren(c, fr);
        sr = hashChildren(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = hashChildren(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0 || !Arrays.equals(fr, root1) || !Arrays.equals(sr, root2)) {
      throw new IllegalStateException("consistency proof does not verify");
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int pos = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, pos, part.length);
      pos += part.length;
    }
    return out;
  }
}
