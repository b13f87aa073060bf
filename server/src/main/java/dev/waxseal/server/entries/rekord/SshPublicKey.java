package dev.waxseal.server.entries.rekord;

import dev.waxseal.server.entries.pki.SshWireFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * An SSH public key as Go's {@code golang.org/x/crypto/ssh} parses, marshals and verifies it:
 * {@code ssh-rsa}, {@code ecdsa-sha2-nistp256/384/521} and {@code ssh-ed25519}.
 *
 * <p>Immutable.
 */
final class SshPublicKey {
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

  private final String type;
  private final byte[] wire;
  private final Object key;

  private SshPublicKey(String type, byte[] wire, Object key) {
    this.type = type;
    this.wire = wire;
    this.key = key;
  }

  /**
   * Parses the wire form ({@code ssh.ParsePublicKey}): no trailing bytes, RSA exponents odd, at
   * least 3 and at most 24 bits, ECDSA points on the named curve, Ed25519 keys of 32 bytes.
   *
   * @throws IllegalArgumentException with Go's message if the key is malformed or unsupported
   */
  static SshPublicKey parseWire(byte[] wire) {
    SshWireFormat.Reader r = new SshWireFormat.Reader(wire);
    String type = r.text();
    SshWireFormat.Writer w = new SshWireFormat.Writer().string(type);
    Object key;
    switch (type) {
      case "ssh-rsa" -> {
        BigInteger e = r.mpint();
        BigInteger n = r.mpint();
        if (e.bitLength() > 24) {
          throw new IllegalArgumentException("ssh: exponent too large");
        }
        if (e.intValue() < 3 || !e.testBit(0)) {
          throw new IllegalArgumentException("ssh: incorrect exponent");
        }
        if (n.bitLength() > 16384) {
          throw new IllegalArgumentException("ssh: RSA key too large");
        }
        w.mpint(e).mpint(n);
        key = new RSAKeyParameters(false, n, e);
      }
      case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
        String curve = r.text();
        if (!type.endsWith(curve)) {
          throw new IllegalArgumentException("ssh: unsupported curve");
        }
        byte[] point = r.string();
        X9ECParameters x9 = CustomNamedCurves.getByName(curveName(curve));
        ECDomainParameters domain =
            new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        int fieldBytes = (x9.getCurve().getFieldSize() + 7) / 8;
        if (point.length != 1 + 2 * fieldBytes || point[0] != 0x04) {
          throw new IllegalArgumentException("ssh: invalid curve point");
        }
        ECPoint q;
        try {
          q = x9.getCurve().decodePoint(point);
        } catch (RuntimeException ex) {
          throw new IllegalArgumentException("ssh: invalid curve point", ex);
        }
        w.string(curve).string(point);
        key = new ECPublicKeyParameters(q, domain);
      }
      case "ssh-ed25519" -> {
        byte[] raw = r.string();
        if (raw.length != Ed25519.PUBLIC_KEY_SIZE) {
          throw new IllegalArgumentException(
              "ssh: invalid size " + raw.length + " for Ed25519 public key");
        }
        w.string(raw);
        key = new Ed25519PublicKeyParameters(raw);
      }
      default -> throw new IllegalArgumentException("ssh: unknown key algorithm: " + type);
    }
    if (!r.atEnd()) {
      throw new IllegalArgumentException("ssh: trailing junk in public key");
    }
    return new SshPublicKey(type, w.toByteArray(), key);
  }

  private static String curveName(String sshCurve) {
    return switch (sshCurve) {
      case "nistp256" -> "secp256r1";
      case "nistp384" -> "secp384r1";
      default -> "secp521r1";
    };
  }

  /**
   * Parses an {@code authorized_keys} line as {@code ssh.ParseAuthorizedKey}: blank and {@code #}
   * lines skipped, optional options before the key type, a comment after the base64.
   *
   * @throws IllegalArgumentException if no key line parses
   */
  static SshPublicKey parseAuthorizedKey(byte[] text) {
    String all = new String(text, StandardCharsets.UTF_8);
    for (String line : all.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = FIELD_SEPARATOR.split(trimmed, -1);
      for (int i = 0; i + 1 < fields.length && i < 2; i++) {
        try {
          return parseWire(Base64.getDecoder().decode(fields[i + 1]));
        } catch (IllegalArgumentException e) {
          // try the next field: the first may be options
        }
      }
    }
    throw new IllegalArgumentException("ssh: no key found");
  }

  /** The key type, e.g. {@code ssh-ed25519}. */
  String type() {
    return type;
  }

  /** The wire form as Go re-marshals it. */
  byte[] wire() {
    return wire.clone();
  }

  /** {@code ssh.MarshalAuthorizedKey}: {@code "<type> <base64 wire>\n"}. */
  byte[] authorizedKey() {
    return (type + " " + Base64.getEncoder().encodeToString(wire) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Verifies an SSH signature ({@code format}, {@code blob}) over {@code data} as Go's {@code
   * PublicKey.Verify}: the format must suit the key; RSA accepts {@code ssh-rsa} (SHA-1), {@code
   * rsa-sha2-256} and {@code rsa-sha2-512}; ECDSA hashes by curve; Ed25519 is pure.
   */
  boolean verify(byte[] data, String format, byte[] blob) {
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return format.equals(type)
          && blob.length == Ed25519.SIGNATURE_SIZE
          && ed.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, blob, 0);
    }
    if (key instanceof ECPublicKeyParameters ec) {
      if (!format.equals(type)) {
        return false;
      }
      BigInteger r;
      BigInteger s;
      try {
        SshWireFormat.Reader reader = new SshWireFormat.Reader(blob);
        r = reader.mpint();
        s = reader.mpint();
        if (!reader.atEnd()) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
      Digest digest =
          switch (type) {
            case "ecdsa-sha2-nistp256" -> new SHA256Digest();
            case "ecdsa-sha2-nistp384" -> new SHA384Digest();
            default -> new SHA512Digest();
          };
      byte[] hash = digest(digest, data);
      BigInteger n = ec.getParameters().getN();
      if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
        return false;
      }
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, ec);
      return signer.verifySignature(hash, r, s);
    }
    RSAKeyParameters rsa = (RSAKeyParameters) key;
    @Nullable Digest digest =
        switch (format) {
          case "ssh-rsa" -> new SHA1Digest();
          case "rsa-sha2-256" -> new SHA256Digest();
          case "rsa-sha2-512" -> new SHA512Digest();
          default -> null;
        };
    if (digest == null) {
      return false;
    }
    int k = (rsa.getModulus().bitLength() + 7) / 8;
    if (blob.length > k) {
      return false;
    }
    byte[] padded = new byte[k];
    System.arraycopy(blob, 0, padded, k - blob.length, blob.length);
    RSADigestSigner signer = new RSADigestSigner(digest);
    signer.init(false, rsa);
    signer.update(data, 0, data.length);
    return signer.verifySignature(padded);
  }

  private static byte[] digest(Digest digest, byte[] data) {
    digest.update(data, 0, data.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
