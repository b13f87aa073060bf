package dev.waxseal.client.verify;

import dev.waxseal.merkle.Rfc6962;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Public keys from PEM or DER, and their fingerprints. JDK providers only. */
public final class PublicKeys {
  private static final List<String> ALGORITHMS = List.of("EC", "Ed25519", "RSA");

  /**
   * One factory per thread: {@code CertificateFactory.getInstance} looks the provider up on every
   * call, which showed in a monitor's profile (a certificate per entry); factories are not
   * thread-safe.
   */
  private static final ThreadLocal<CertificateFactory> X509 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return CertificateFactory.getInstance("X.509");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
            }
          });

  private PublicKeys() {}

  /**
   * Parses a PEM {@code PUBLIC KEY} (ECDSA, Ed25519 or RSA) or the key of a PEM {@code
   * CERTIFICATE}.
   *
   * @throws IllegalArgumentException if the text holds neither, naming what it found
   */
  public static PublicKey fromPem(String pem) {
    String type = pemType(pem);
    byte[] der = pemBody(pem);
    if (type.equals("PUBLIC KEY")) {
      return fromSpki(der);
    }
    if (type.equals("CERTIFICATE")) {
      return certificate(der).getPublicKey();
    }
    throw new IllegalArgumentException("PEM block is " + type + ", want PUBLIC KEY or CERTIFICATE");
  }

  /** Parses a DER SubjectPublicKeyInfo of an ECDSA, Ed25519 or RSA key. */
  public static PublicKey fromSpki(byte[] der) {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm: the SPKI's OID decides which one accepts it
      }
    }
    throw new IllegalArgumentException("not an ECDSA, Ed25519 or RSA SubjectPublicKeyInfo");
  }

  /** Parses a DER X.509 certificate. */
  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate) X509.get().generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The key's fingerprint: lower-hex SHA-256 of its DER SubjectPublicKeyInfo (Rekor's logID). */
  public static String fingerprint(PublicKey key) {
    return HexFormat.of().formatHex(Rfc6962.sha256(key.getEncoded()));
  }

  /** The type in the first {@code -----BEGIN <type>-----} line. */
  public static String pemType(String pem) {
    int begin = pem.indexOf("-----BEGIN ");
    int end = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
    if (begin < 0 || end < 0) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN …-----) found");
    }
    return pem.substring(begin + 11, end);
  }

  /** The DER bytes of the first PEM block. */
  public static byte[] pemBody(String pem) {
    String type = pemType(pem);
    String header = "-----BEGIN " + type + "-----";
    String footer = "-----END " + type + "-----";
    int start = pem.indexOf(header) + header.length();
    int stop = pem.indexOf(footer, start);
    if (stop < 0) {
      throw new IllegalArgumentException("PEM block " + type + " has no END line");
    }
    return Base64.getMimeDecoder()
        .decode(pem.substring(start, stop).getBytes(StandardCharsets.US_ASCII));
  }
}
