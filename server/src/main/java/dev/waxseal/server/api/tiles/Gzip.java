package dev.waxseal.server.api.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** HTTP gzip content coding for entry bundles (C2SP tlog-tiles: bundles SHOULD be compressed). */
final class Gzip {
  private Gzip() {}

  /**
   * Whether an {@code Accept-Encoding} header value accepts gzip (RFC 9110 §12.5.3): {@code gzip},
   * {@code x-gzip} or {@code *} listed with a non-zero quality, and gzip not refused by {@code
   * q=0}.
   */
  static boolean accepted(@Nullable String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    boolean gzip = false;
    boolean any = false;
    for (String item : acceptEncoding.split(",", -1)) {
      String[] parts = item.split(";", -1);
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      boolean allowed = quality(parts) > 0;
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        if (!allowed) {
          return false;
        }
        gzip = true;
      } else if (coding.equals("*")) {
        any = allowed;
      }
    }
    return gzip || any;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0; // an unreadable weight: treat the coding as not acceptable
        }
      }
    }
    return 1;
  }

  /** Compresses {@code bytes} into a gzip member. */
  static byte[] compress(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }
}
