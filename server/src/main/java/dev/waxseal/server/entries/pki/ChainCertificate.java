package dev.waxseal.server.entries.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * One certificate of a chain with the fields Go's {@code crypto/x509} path building looks at, read
 * once: raw names, key identifiers, basic constraints, key usage, validity and whether a critical
 * extension is one Go does not handle.
 *
 * <p>Immutable.
 */
final class ChainCertificate {
  /** {@code id-ce} (RFC 5280 §4.2.1), the arc of the standard certificate extensions. */
  private static final ASN1ObjectIdentifier ID_CE = new ASN1ObjectIdentifier("2.5.29");

  /**
   * The {@code id-ce} extensions Go's parser handles (RFC 5280 §4.2.1): key usage, basic
   * constraints, name constraints, CRL distribution points, authority and subject key identifiers,
   * extended key usage, certificate policies, policy mappings and constraints, inhibit anyPolicy.
   * The subject alternative name (17) is handled when it holds a name type Go reads.
   */
  private static final Set<String> HANDLED_ID_CE =
      Set.of("15", "19", "30", "31", "35", "36", "37", "14", "32", "33", "54");

  private static final Set<Integer> SAN_TYPES_GO_READS =
      Set.of(
          GeneralName.dNSName,
          GeneralName.rfc822Name,
          GeneralName.iPAddress,
          GeneralName.uniformResourceIdentifier);

  private static final int[] KEY_USAGE_BITS = {
    KeyUsage.digitalSignature,
    KeyUsage.nonRepudiation,
    KeyUsage.keyEncipherment,
    KeyUsage.dataEncipherment,
    KeyUsage.keyAgreement,
    KeyUsage.keyCertSign,
    KeyUsage.cRLSign,
    KeyUsage.encipherOnly,
    KeyUsage.decipherOnly
  };

  private final X509CertificateHolder holder;
  private final byte[] rawSubject;
  private final byte[] rawIssuer;
  private final byte[] spki;
  private final byte @Nullable [] subjectKeyId;
  private final byte @Nullable [] authorityKeyId;
  private final byte @Nullable [] subjectAltName;
  private final boolean basicConstraintsValid;
  private final boolean ca;
  private final int maxPathLen;
  private final boolean keyUsagePresent;
  private final boolean certSign;
  private final boolean unhandledCriticalExtension;

  ChainCertificate(Certificate certificate) {
    this.holder = new X509CertificateHolder(certificate);
    Extensions extensions = holder.getExtensions();
    try {
      this.rawSubject = certificate.getSubject().getEncoded(ASN1Encoding.DER);
      this.rawIssuer = certificate.getIssuer().getEncoded(ASN1Encoding.DER);
      this.spki = certificate.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a parsed certificate failed", e);
    }
    SubjectKeyIdentifier skid = SubjectKeyIdentifier.fromExtensions(extensions);
    this.subjectKeyId = skid == null ? null : skid.getKeyIdentifier();
    AuthorityKeyIdentifier akid = AuthorityKeyIdentifier.fromExtensions(extensions);
    this.authorityKeyId = akid == null ? null : akid.getKeyIdentifier();
    Extension san =
        extensions == null ? null : extensions.getExtension(Extension.subjectAlternativeName);
    this.subjectAltName = san == null ? null : san.getExtnValue().getOctets();
    BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
    this.basicConstraintsValid = constraints != null;
    this.ca = constraints != null && constraints.isCA();
    BigInteger pathLen = constraints == null ? null : constraints.getPathLenConstraint();
    // Go's MaxPathLen is -1 when the constraint is absent.
    this.maxPathLen =
        pathLen == null ? -1 : pathLen.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    KeyUsage usage = KeyUsage.fromExtensions(extensions);
    this.keyUsagePresent =
        usage != null && Arrays.stream(KEY_USAGE_BITS).anyMatch(usage::hasUsages);
    this.certSign = usage != null && usage.hasUsages(KeyUsage.keyCertSign);
    this.unhandledCriticalExtension = hasUnhandledCriticalExtension(extensions);
  }

  private static boolean hasUnhandledCriticalExtension(@Nullable Extensions extensions) {
    if (extensions == null) {
      return false;
    }
    for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
      if (!handled(oid, extensions)) {
        return true;
      }
    }
    return false;
  }

  private static boolean handled(ASN1ObjectIdentifier oid, Extensions extensions) {
    if (!oid.on(ID_CE)) {
      return false; // Go rejects a critical authority info access at parse time; others unhandled
    }
    String last = oid.getId().substring(ID_CE.getId().length() + 1);
    if (last.equals("17")) {
      GeneralNames names =
          GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      return names != null
          && Arrays.stream(names.getNames())
              .anyMatch(n -> SAN_TYPES_GO_READS.contains(n.getTagNo()));
    }
    return HANDLED_ID_CE.contains(last);
  }

  X509CertificateHolder holder() {
    return holder;
  }

  boolean subjectIsIssuerOf(ChainCertificate child) {
    return Arrays.equals(rawSubject, child.rawIssuer);
  }

  boolean sameRaw(ChainCertificate other) {
    return holder.equals(other.holder); // ASN.1 equality: the same encoding
  }

  /** Go's {@code bytes.Equal(candidate.SubjectKeyId, cert.AuthorityKeyId)} (nil equals empty). */
  boolean subjectKeyIdMatches(ChainCertificate child) {
    return Arrays.equals(orEmpty(subjectKeyId), orEmpty(child.authorityKeyId));
  }

  boolean hasSubjectKeyId() {
    return subjectKeyId != null && subjectKeyId.length > 0;
  }

  boolean hasAuthorityKeyId() {
    return authorityKeyId != null && authorityKeyId.length > 0;
  }

  private static byte[] orEmpty(byte @Nullable [] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  /**
   * Go's {@code alreadyInChain}: a certificate with the same subject, key and subject alternative
   * names is already in {@code chain} (a loop, possibly through a cross-signature).
   */
  boolean alreadyIn(List<ChainCertificate> chain) {
    for (ChainCertificate c : chain) {
      if (!Arrays.equals(rawSubject, c.rawSubject) || !Arrays.equals(spki, c.spki)) {
        continue;
      }
      if (subjectAltName == null && c.subjectAltName == null) {
        return true;
      }
      if (subjectAltName == null || c.subjectAltName == null) {
        return false; // Go returns here rather than looking further
      }
      if (Arrays.equals(subjectAltName, c.subjectAltName)) {
        return true;
      }
    }
    return false;
  }

  int version() {
    return holder.getVersionNumber();
  }

  boolean basicConstraintsValid() {
    return basicConstraintsValid;
  }

  boolean isCa() {
    return ca;
  }

  int maxPathLen() {
    return maxPathLen;
  }

  boolean keyUsagePresent() {
    return keyUsagePresent;
  }

  boolean certSign() {
    return certSign;
  }

  boolean unhandledCriticalExtension() {
    return unhandledCriticalExtension;
  }

  Instant notBefore() {
    return holder.getNotBefore().toInstant();
  }

  Instant notAfter() {
    return holder.getNotAfter().toInstant();
  }

  /**
   * The name Go's {@code UnknownAuthorityError} gives: common name, else organization, else serial.
   */
  String displayName() {
    X500Name subject = holder.getSubject();
    String cn = first(subject, BCStyle.CN);
    if (cn != null && !cn.isEmpty()) {
      return cn;
    }
    String o = first(subject, BCStyle.O);
    return o != null ? o : "serial:" + holder.getSerialNumber();
  }

  private static @Nullable String first(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length == 0) {
      return null;
    }
    ASN1Encodable value = rdns[0].getFirst().getValue();
    return value instanceof ASN1String s ? s.getString() : value.toString();
  }
}
