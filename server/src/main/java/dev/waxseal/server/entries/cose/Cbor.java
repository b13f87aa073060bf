package dev.waxseal.server.entries.cose;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict CBOR (RFC 8949) reader with the decoding options go-cose uses (fxamacker/cbor with
 * duplicate map keys, indefinite lengths and tags forbidden), and the encoder for the one structure
 * COSE signs ({@code Sig_structure}, RFC 9052 §4.4).
 *
 * <p>Values: {@link Long} or {@link BigInteger} for integers, {@link Bytes} for byte strings,
 * {@link String}, {@link List}, {@link Map} (insertion-ordered), {@link Boolean}, {@link Simple}
 * for null and undefined, {@link Double} for floats.
 */
final class Cbor {
  /** A byte string, with value equality so that it can be a map key. */
  // equals and hashCode compare the array's content, which is what the check asks for.
  @SuppressWarnings("ArrayRecordComponent")
  record Bytes(byte[] value) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "h'" + java.util.HexFormat.of().formatHex(value) + "'";
    }
  }

  /** The simple values that are not booleans. */
  enum Simple {
    NULL,
    UNDEFINED
  }

  /** Malformed or disallowed CBOR. */
  static final class CborException extends Exception {
    private static final long serialVersionUID = 1L;

    CborException(String message) {
      super(message, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 32;

  private final byte[] data;
  private int position;

  private Cbor(byte[] data, int position) {
    this.data = data;
    this.position = position;
  }

  /** Decodes exactly one item from {@code data[offset..]}; trailing bytes are an error. */
  static Object decode(byte[] data, int offset) throws CborException {
    Cbor reader = new Cbor(data, offset);
    Object value = reader.item(0);
    if (reader.position != data.length) {
      throw new CborException(
          "cbor: " + (data.length - reader.position) + " bytes of extraneous data");
    }
    return value;
  }

  private Object item(int depth) throws CborException {
    if (depth > MAX_DEPTH) {
      throw new CborException("cbor: exceeded max nested level " + MAX_DEPTH);
    }
    int initial = next();
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == 31) {
      throw new CborException("cbor: indefinite-length items are not allowed");
    }
    if (major == 7) {
      return simple(info);
    }
    BigInteger argument = argument(info);
    return switch (major) {
      case 0 -> integer(argument);
      case 1 -> integer(argument.negate().subtract(BigInteger.ONE));
      case 2 -> new Bytes(take(argument));
      case 3 -> text(take(argument));
      case 4 -> array(length(argument), depth);
      case 5 -> map(length(argument), depth);
      default -> throw new CborException("cbor: tags are not allowed");
    };
  }

  private static Object integer(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValueExact() : value;
  }

  private Object simple(int info) throws CborException {
    return switch (info) {
      case 20 -> false;
      case 21 -> true;
      case 22 -> Simple.NULL;
      case 23 -> Simple.UNDEFINED;
      case 25 -> half(argument(info).intValue());
      case 26 -> (double) Float.intBitsToFloat(argument(info).intValue());
      case 27 -> Double.longBitsToDouble(argument(info).longValue());
      default -> throw new CborException("cbor: unsupported simple value " + info);
    };
  }

  /** IEEE 754 binary16 (RFC 8949 appendix D). */
  private static double half(int bits) {
    int exponent = (bits >> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    double value;
    if (exponent == 0) {
      value = mantissa * Math.pow(2, -24);
    } else if (exponent == 31) {
      value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      value = (mantissa + 1024) * Math.pow(2, exponent - 25);
    }
    return (bits & 0x8000) != 0 ? -value : value;
  }

  private BigInteger argument(int info) throws CborException {
    if (info < 24) {
      return BigInteger.valueOf(info);
    }
    int size =
        switch (info) {
          case 24 -> 1;
          case 25 -> 2;
          case 26 -> 4;
          case 27 -> 8;
          default -> throw new CborException("cbor: invalid additional information " + info);
        };
    return new BigInteger(1, take(BigInteger.valueOf(size)));
  }

  private int length(BigInteger argument) throws CborException {
    if (argument.compareTo(BigInteger.valueOf(data.length - position)) > 0) {
      throw new CborException("cbor: unexpected end of data");
    }
    return argument.intValueExact();
  }

  private byte[] take(BigInteger length) throws CborException {
    int n = length(length);
    byte[] out = Arrays.copyOfRange(data, position, position + n);
    position += n;
    return out;
  }

  private int next() throws CborException {
    if (position >= data.length) {
      throw new CborException("cbor: unexpected end of data");
    }
    return data[position++] & 0xff;
  }

  private static String text(byte[] utf8) throws CborException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CborException("cbor: invalid UTF-8 string");
    }
  }

  private List<Object> array(int size, int depth) throws CborException {
    List<Object> items = new ArrayList<>(Math.min(size, 64));
    for (int i = 0; i < size; i++) {
      items.add(item(depth + 1));
    }
    return items;
  }

  private Map<Object, Object> map(int size, int depth) throws CborException {
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      Object key = item(depth + 1);
      Object value = item(depth + 1);
      if (entries.putIfAbsent(key, value) != null) {
        throw new CborException("cbor: found duplicate map key " + key);
      }
    }
    return entries;
  }

  /**
   * {@code Sig_structure} for COSE_Sign1 (RFC 9052 §4.4): {@code ["Signature1", body_protected,
   * external_aad, payload]} with definite, shortest lengths.
   */
  static byte[] signature1(byte[] protectedHeader, byte[] externalAad, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 4, 4);
    byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
    head(out, 3, context.length);
    out.writeBytes(context);
    for (byte[] bytes : new byte[][] {protectedHeader, externalAad, payload}) {
      head(out, 2, bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static void head(ByteArrayOutputStream out, int major, long length) {
    int type = major << 5;
    if (length < 24) {
      out.write(type | (int) length);
    } else if (length < 0x100) {
      out.write(type | 24);
      out.write((int) length);
    } else if (length < 0x10000) {
      out.write(type | 25);
      out.write((int) (length >>> 8));
      out.write((int) length);
    } else {
      out.write(type | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write((int) (length >>> shift));
      }
    }
  }
}
