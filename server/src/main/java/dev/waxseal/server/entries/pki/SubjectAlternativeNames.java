package dev.waxseal.server.entries.pki;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The subject alternative names sigstore's {@code cryptoutils.GetSubjectAlternateNames} returns, in
 * its order: DNS names, emails, IP addresses (Go's {@code net.IP.String()} form), URIs, then the
 * Fulcio username OtherName ({@code 1.3.6.1.4.1.57264.1.7}).
 */
final class SubjectAlternativeNames {
  private static final ASN1ObjectIdentifier FULCIO_USERNAME =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.7");

  private SubjectAlternativeNames() {}

  static List<String> of(Certificate certificate) {
    Extensions extensions = certificate.getTBSCertificate().getExtensions();
    if (extensions == null) {
      return List.of();
    }
    GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (names == null) {
      return List.of();
    }
    List<String> dns = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (GeneralName name : names.getNames()) {
      switch (name.getTagNo()) {
        case GeneralName.dNSName -> dns.add(string(name));
        case GeneralName.rfc822Name -> emails.add(string(name));
        case GeneralName.iPAddress ->
            ips.add(ipString(ASN1OctetString.getInstance(name.getName()).getOctets()));
        case GeneralName.uniformResourceIdentifier -> uris.add(string(name));
        case GeneralName.otherName -> {
          OtherName otherName = OtherName.getInstance(name.getName());
          if (FULCIO_USERNAME.equals(otherName.getTypeID())) {
            other.add(otherNameValue(otherName));
          }
        }
        default -> {
          // x400Address, directoryName, ediPartyName, registeredID: not search keys in Rekor.
        }
      }
    }
    List<String> all = new ArrayList<>(dns);
    all.addAll(emails);
    all.addAll(ips);
    all.addAll(uris);
    all.addAll(other);
    return List.copyOf(all);
  }

  private static String string(GeneralName name) {
    return ((ASN1String) name.getName()).getString();
  }

  private static String otherNameValue(OtherName otherName) {
    Object value = otherName.getValue();
    if (value instanceof ASN1TaggedObject tagged) {
      value = tagged.getBaseObject();
    }
    if (value instanceof ASN1String s) {
      return s.getString();
    }
    throw new IllegalArgumentException("OtherName value is not a string");
  }

  /** IPv4 dotted quad (also for IPv4-mapped IPv6), else RFC 5952 text, as Go prints addresses. */
  static String ipString(byte[] ip) {
    if (ip.length == 4) {
      return ipv4(ip, 0);
    }
    if (ip.length != 16) {
      throw new IllegalArgumentException("IP address of length " + ip.length);
    }
    boolean mapped = ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    for (int i = 0; i < 10 && mapped; i++) {
      mapped = ip[i] == 0;
    }
    if (mapped) {
      return ipv4(ip, 12);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is never compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  private static String ipv4(byte[] ip, int offset) {
    return (ip[offset] & 0xff)
        + "."
        + (ip[offset + 1] & 0xff)
        + "."
        + (ip[offset + 2] & 0xff)
        + "."
        + (ip[offset + 3] & 0xff);
  }
}
