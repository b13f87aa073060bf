package dev.waxseal.server.entries;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) over Jackson trees, and the one shared JSON mapper.
 *
 * <p>Output rules (RFC 8785 §3.2): no whitespace; object members sorted by their names compared as
 * UTF-16 code units; strings with only {@code \"}, {@code \\}, {@code \b \f \n \r \t} and {@code
 * uXXXX} escapes (lower-case hex, for other controls) used and everything else written as UTF-8;
 * numbers as IEEE 754 doubles in ECMAScript {@code Number.prototype.toString} form ({@code 1e+21},
 * {@code 4.5e-7}, {@code -0} as {@code 0}). This is the byte form of every Rekor leaf and SET
 * payload (Rekor uses {@code cyberphone/json-canonicalization}).
 */
public final class CanonicalJson {
  /** Shared, immutable, thread-safe; the only mapper the entries code creates. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Integers up to 2^53 are exact doubles and print as plain integers. */
  private static final double MAX_EXACT_INTEGER = 9007199254740992.0;

  private CanonicalJson() {}

  /** The shared mapper, for callers that need to read JSON into trees or records. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException if {@code json} is not exactly one well-formed JSON value
   */
  public static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses {@code json} and returns its canonical form ({@code jsoncanonicalizer.Transform}). */
  public static byte[] canonicalize(byte[] json) {
    return canonicalize(parse(json));
  }

  /**
   * Serializes {@code node} in RFC 8785 canonical form, as UTF-8.
   *
   * @throws IllegalArgumentException for NaN or infinite numbers, unpaired surrogates, or node
   *     types JSON cannot carry
   */
  public static byte[] canonicalize(JsonNode node) {
    Utf8Buffer out = new Utf8Buffer();
    write(node, out);
    return out.toByteArray();
  }

  private static void write(JsonNode node, Utf8Buffer out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.write('[');
        boolean first = true;
        for (JsonNode element : node.values()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          write(element, out);
        }
        out.write(']');
      }
      case STRING -> writeString(node.stringValue(), out);
      case NUMBER -> writeAscii(formatNumber(node.doubleValue()), out);
      case BOOLEAN -> writeAscii(node.booleanValue() ? "true" : "false", out);
      case NULL -> writeAscii("null", out);
      case BINARY -> writeString(Base64.getEncoder().encodeToString(node.binaryValue()), out);
      default ->
          throw new IllegalArgumentException(
              "cannot canonicalize a JSON node of type " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, Utf8Buffer out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 requires.
    members.sort(Map.Entry.comparingByKey());
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        out.write(',');
      }
      first = false;
      writeString(member.getKey(), out);
      out.write(':');
      write(member.getValue(), out);
    }
    out.write('}');
  }

  private static void writeString(String s, Utf8Buffer out) {
    out.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> writeAscii("\\\"", out);
        case '\\' -> writeAscii("\\\\", out);
        case '\b' -> writeAscii("\\b", out);
        case '\f' -> writeAscii("\\f", out);
        case '\n' -> writeAscii("\\n", out);
        case '\r' -> writeAscii("\\r", out);
        case '\t' -> writeAscii("\\t", out);
        default -> {
          if (c < 0x20) {
            writeAscii("\\u00", out);
            out.write(HEX[c >> 4]);
            out.write(HEX[c & 0xf]);
          } else if (c < 0x80) {
            out.write(c);
          } else if (Character.isSurrogate(c)) {
            if (!Character.isHighSurrogate(c)
                || i + 1 >= s.length()
                || !Character.isLowSurrogate(s.charAt(i + 1))) {
              throw new IllegalArgumentException("string has an unpaired surrogate at " + i);
            }
            writeUtf8(Character.toCodePoint(c, s.charAt(++i)), out);
          } else {
            writeUtf8(c, out);
          }
        }
      }
    }
    out.write('"');
  }

  private static void writeUtf8(int codePoint, Utf8Buffer out) {
    if (codePoint < 0x800) {
      out.write(0xc0 | (codePoint >> 6));
      out.write(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      out.write(0xe0 | (codePoint >> 12));
      out.write(0x80 | ((codePoint >> 6) & 0x3f));
      out.write(0x80 | (codePoint & 0x3f));
    } else {
      out.write(0xf0 | (codePoint >> 18));
      out.write(0x80 | ((codePoint >> 12) & 0x3f));
      out.write(0x80 | ((codePoint >> 6) & 0x3f));
      out.write(0x80 | (codePoint & 0x3f));
    }
  }

  private static void writeAscii(String s, Utf8Buffer out) {
    out.writeAscii(s);
  }

  /**
   * A growable byte buffer without {@code ByteArrayOutputStream}'s per-byte locking: on the append
   * path every entry is canonicalized, byte by byte.
   */
  private static final class Utf8Buffer {
    private byte[] bytes = new byte[512];
    private int size;

    void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = (byte) b;
    }

    void writeAscii(String s) {
      int n = s.length();
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
      }
      for (int i = 0; i < n; i++) {
        bytes[size + i] = (byte) s.charAt(i);
      }
      size += n;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /**
   * Formats a double as ECMAScript {@code Number.prototype.toString} does (ECMA-262 §6.1.6.1.20),
   * which RFC 8785 §3.2.2.3 adopts.
   *
   * @throws IllegalArgumentException for NaN and infinities, which JSON cannot represent
   */
  static String formatNumber(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON cannot represent the number " + value);
    }
    if (value == 0) {
      return "0"; // both +0 and -0
    }
    if (value == Math.rint(value) && Math.abs(value) < MAX_EXACT_INTEGER) {
      return Long.toString((long) value);
    }
    String sign = value < 0 ? "-" : "";
    BigDecimal shortest = shortestRoundTrip(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.digits × 10^n
    StringBuilder s = new StringBuilder(sign);
    if (k <= n && n <= 21) {
      s.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      s.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      s.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      s.append(digits.charAt(0));
      if (k > 1) {
        s.append('.').append(digits, 1, k);
      }
      s.append('e').append(exponent >= 0 ? "+" : "-").append(Math.abs(exponent));
    }
    return s.toString();
  }

  /**
   * The decimal with the fewest significant digits that parses back to {@code value}, and of those
   * the closest to it. (JDK 17's {@code Double.toString} is not always shortest: JDK-4511638.)
   */
  private static BigDecimal shortestRoundTrip(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode :
          new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == value
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return stripZeros(best);
      }
    }
    throw new IllegalStateException("no 17-digit decimal round-trips " + value);
  }

  private static BigDecimal stripZeros(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    BigInteger unscaled = stripped.unscaledValue();
    return new BigDecimal(unscaled, stripped.scale());
  }
}
