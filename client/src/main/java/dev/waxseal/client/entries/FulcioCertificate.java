package dev.waxseal.client.entries;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The identity in a (Fulcio) certificate: SAN emails and URIs and the OIDC issuer.
 *
 * <p>Fulcio writes the issuer twice: 1.3.6.1.4.1.57264.1.1 holds the raw issuer bytes (the old,
 * deprecated form) and 1.3.6.1.4.1.57264.1.8 a DER UTF8String. The newer one wins.
 */
public final class FulcioCertificate {
  /** The legacy issuer extension: raw bytes. */
  public static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  /** The issuer extension: a DER UTF8String. */
  public static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  private static final int SAN_EMAIL = 1;
  private static final int SAN_URI = 6;

  private FulcioCertificate() {}

  /** The SAN values of {@code type} (1 = email, 6 = URI). */
  static List<String> sans(X509Certificate certificate, int type) {
    List<String> values = new ArrayList<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return values;
      }
      for (List<?> name : names) {
        if (name.size() >= 2 && name.get(0) instanceof Integer t && t == type) {
          values.add(String.valueOf(name.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      // a malformed SAN extension names nobody; the entry still counts for its keys and digests
    }
    return values;
  }

  /**
   * Adds the SAN emails and URIs to the two collections, reading the SAN extension once (the JDK
   * copies it on every {@code getSubjectAlternativeNames} call).
   */
  static void addSans(
      X509Certificate certificate, Collection<String> emails, Collection<String> uris) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return;
      }
      for (List<?> name : names) {
        if (name.size() >= 2 && name.get(0) instanceof Integer type) {
          if (type == SAN_EMAIL) {
            emails.add(String.valueOf(name.get(1)));
          } else if (type == SAN_URI) {
            uris.add(String.valueOf(name.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // as in sans(): a malformed SAN extension names nobody
    }
  }

  /** SAN rfc822Name values. */
  public static List<String> emails(X509Certificate certificate) {
    return sans(certificate, SAN_EMAIL);
  }

  /** SAN URI values. */
  public static List<String> uris(X509Certificate certificate) {
    return sans(certificate, SAN_URI);
  }

  /** The OIDC issuer, from extension .1.8, else .1.1. */
  public static Optional<String> issuer(X509Certificate certificate) {
    byte[] v2 = certificate.getExtensionValue(ISSUER_V2);
    if (v2 != null) {
      Optional<byte[]> utf8 = contents(contents(v2, 0x04).orElse(new byte[0]), 0x0c);
      if (utf8.isPresent()) {
        return Optional.of(new String(utf8.get(), StandardCharsets.UTF_8));
      }
    }
    byte[] v1 = certificate.getExtensionValue(ISSUER_V1);
    if (v1 != null) {
      return contents(v1, 0x04).map(raw -> new String(raw, StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }

  /** The contents of one DER element with {@code tag} filling all of {@code der}. */
  static Optional<byte[]> contents(byte[] der, int tag) {
    if (der.length < 2 || (der[0] & 0xff) != tag) {
      return Optional.empty();
    }
    int first = der[1] & 0xff;
    int offset = 2;
    long length = first;
    if (first >= 0x80) {
      int octets = first & 0x7f;
      if (octets == 0 || octets > 3 || der.length < 2 + octets) {
        return Optional.empty();
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[2 + i] & 0xff);
      }
      offset = 2 + octets;
    }
    if (offset + length != der.length) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(der, offset, der.length));
  }
}
