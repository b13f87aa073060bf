package dev.waxseal.server.entries.tuf;

import dev.waxseal.server.entries.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DoubleNode;

/**
 * The canonical JSON TUF signs: go-securesystemslib's {@code cjson.EncodeCanonical} applied, as
 * go-tuf does, to the {@code signed} value after Go's {@code json.Unmarshal} into {@code
 * map[string]interface{}}.
 *
 * <p>Rules: no whitespace; object keys sorted by their UTF-8 bytes; strings written as UTF-8 with
 * only {@code \} and {@code "} escaped; numbers pass through a float64 (Go's decoding) and must
 * then print as an integer that fits an int64, else the value cannot be canonicalized.
 */
final class TufCanonicalJson {
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final double EXPONENT_FORM = 1e21;

  private TufCanonicalJson() {}

  /**
   * Encodes {@code node}.
   *
   * @throws IllegalArgumentException naming a number that cannot be canonicalized
   */
  static byte[] encode(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(node, out);
    return out.toByteArray();
  }

  private static void write(JsonNode node, ByteArrayOutputStream out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
        out.write('{');
        for (int i = 0; i < members.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          string(members.get(i).getKey(), out);
          out.write(':');
          write(members.get(i).getValue(), out);
        }
        out.write('}');
      }
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
      case STRING -> string(node.stringValue(), out);
      case NUMBER -> out.writeBytes(number(node.doubleValue()).getBytes(StandardCharsets.US_ASCII));
      case BOOLEAN ->
          out.writeBytes(
              (node.booleanValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
      case NULL -> out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
      default -> throw new IllegalArgumentException("cannot canonicalize " + node.getNodeType());
    }
  }

  /** Go: float64 → {@code json.Marshal} → {@code json.Number.Int64()} must succeed. */
  static String number(double value) {
    if (Math.abs(value) >= EXPONENT_FORM || value != Math.rint(value)) {
      throw new IllegalArgumentException(
          "can't canonicalize floating point number '" + goFloat(value) + "'");
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
    }
    // For integral values below 1e21 Go's 'f' format and ECMAScript's agree: shortest digits,
    // then zeros.
    String digits =
        new String(
            CanonicalJson.canonicalize(DoubleNode.valueOf(value)), StandardCharsets.US_ASCII);
    BigInteger exact = new BigInteger(digits);
    if (exact.compareTo(INT64_MIN) < 0 || exact.compareTo(INT64_MAX) > 0) {
      throw new IllegalArgumentException(
          "can't canonicalize floating point number '" + digits + "'");
    }
    return digits;
  }

  private static String goFloat(double value) {
    return new String(
        CanonicalJson.canonicalize(DoubleNode.valueOf(value)), StandardCharsets.US_ASCII);
  }

  private static void string(String s, ByteArrayOutputStream out) {
    out.write('"');
    out.writeBytes(s.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8));
    out.write('"');
  }

  /** Go's {@code sort.Strings}: byte order of the UTF-8 encodings. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
