package dev.waxseal.cli;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signers with a Fulcio-like certificate: an email SAN and the OIDC issuer extension .1.8. */
final class Identities {
  private Identities() {}

  /** A key pair and its self-signed certificate naming {@code email} and {@code issuer}. */
  record Identity(KeyPair keys, String pem) {}

  static Identity of(String email, String issuer) throws Exception {
    return of(email, issuer, 3_600_000);
  }

  /** The same, valid for {@code validMillis} from now (a long benchmark fill needs days). */
  static Identity of(String email, String issuer, long validMillis) throws Exception {
    KeyPair keys = HashedRekords.p256();
    long now = System.currentTimeMillis();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=waxseal test"),
            BigInteger.valueOf(now),
            new Date(now - 60_000),
            new Date(now + validMillis),
            new X500Name("CN=waxseal test"),
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        true,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    builder.addExtension(
        new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false, new DERUTF8String(issuer));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    return new Identity(keys, HashedRekords.pem("CERTIFICATE", certificate.getEncoded()));
  }
}
