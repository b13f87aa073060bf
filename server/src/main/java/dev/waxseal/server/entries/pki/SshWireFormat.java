package dev.waxseal.server.entries.pki;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The SSH wire encoding (RFC 4251 §5): {@code string} and {@code mpint} values, and public keys as
 * Go's {@code golang.org/x/crypto/ssh} marshals them ({@code ssh-rsa}, {@code
 * ecdsa-sha2-nistp256/384/521}, {@code ssh-ed25519}).
 */
public final class SshWireFormat {
  private SshWireFormat() {}

  /** Writes SSH wire values. Not thread-safe; one per encoding. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    /** Appends a {@code uint32}. */
    public Writer uint32(long value) {
      out.write((int) (value >>> 24));
      out.write((int) (value >>> 16));
      out.write((int) (value >>> 8));
      out.write((int) value);
      return this;
    }

    /** Appends a {@code string}: uint32 length, then the bytes. */
    public Writer string(byte[] value) {
      uint32(value.length);
      out.write(value, 0, value.length);
      return this;
    }

    /** Appends a {@code string} holding US-ASCII text. */
    public Writer string(String value) {
      return string(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends a non-negative {@code mpint}: minimal two's complement, zero as empty. */
    public Writer mpint(BigInteger value) {
      if (value.signum() < 0) {
        throw new IllegalArgumentException("negative mpint");
      }
      return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    /** Appends bytes as they are. */
    public Writer raw(byte[] value) {
      out.write(value, 0, value.length);
      return this;
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Reads SSH wire values; every read checks the remaining length. */
  public static final class Reader {
    private final byte[] data;
    private int position;

    /** Reads {@code data} (not copied; callers keep it unchanged). */
    public Reader(byte[] data) {
      this.data = data;
    }

    /**
     * Reads a {@code uint32}.
     *
     * @throws IllegalArgumentException if fewer than 4 bytes remain
     */
    public long uint32() {
      need(4);
      long v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (data[position++] & 0xff);
      }
      return v;
    }

    /**
     * Reads a {@code string}.
     *
     * @throws IllegalArgumentException if it runs past the end
     */
    public byte[] string() {
      long length = uint32();
      if (length > data.length - position) {
        throw new IllegalArgumentException("string of length " + length + " runs past the end");
      }
      byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
      position += (int) length;
      return value;
    }

    /** Reads a {@code string} as US-ASCII text. */
    public String text() {
      return new String(string(), StandardCharsets.US_ASCII);
    }

    /**
     * Reads a non-negative {@code mpint}.
     *
     * @throws IllegalArgumentException if it is negative or runs past the end
     */
    public BigInteger mpint() {
      byte[] bytes = string();
      if (bytes.length == 0) {
        return BigInteger.ZERO;
      }
      if ((bytes[0] & 0x80) != 0) {
        throw new IllegalArgumentException("negative mpint");
      }
      return new BigInteger(bytes);
    }

    /** Reads exactly {@code n} raw bytes. */
    public byte[] raw(int n) {
      need(n);
      byte[] value = Arrays.copyOfRange(data, position, position + n);
      position += n;
      return value;
    }

    /** The bytes not read yet. */
    public byte[] rest() {
      byte[] value = Arrays.copyOfRange(data, position, data.length);
      position = data.length;
      return value;
    }

    /** True if every byte has been read. */
    public boolean atEnd() {
      return position == data.length;
    }

    private void need(int n) {
      if (n > data.length - position) {
        throw new IllegalArgumentException("unexpected end of data");
      }
    }
  }

  /** The SSH curve name of an ECDSA key type ({@code nistp256}…). */
  static String curveName(KeyType type) {
    return switch (type) {
      case ECDSA_P256 -> "nistp256";
      case ECDSA_P384 -> "nistp384";
      case ECDSA_P521 -> "nistp521";
      default -> throw new IllegalArgumentException(type + " is not ECDSA");
    };
  }

  static byte[] encode(KeyType type, AsymmetricKeyParameter key) {
    Writer w = new Writer();
    switch (type) {
      case RSA -> {
        RSAKeyParameters rsa = (RSAKeyParameters) key;
        w.string("ssh-rsa").mpint(rsa.getExponent()).mpint(rsa.getModulus());
      }
      case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
        String curve = curveName(type);
        w.string("ecdsa-sha2-" + curve)
            .string(curve)
            .string(((ECPublicKeyParameters) key).getQ().getEncoded(false));
      }
      case ED25519 ->
          w.string("ssh-ed25519").string(((Ed25519PublicKeyParameters) key).getEncoded());
    }
    return w.toByteArray();
  }
}
