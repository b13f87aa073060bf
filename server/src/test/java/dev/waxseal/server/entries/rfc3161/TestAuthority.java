package dev.waxseal.server.entries.rfc3161;

import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;

/** A time-stamp authority made in the test, with Bouncy Castle's TSP generators. */
final class TestAuthority {
  private final KeyPair keys = Signers.keyPair(Kind.P256, "tsa");
  private final X509CertificateHolder certificate;

  TestAuthority() {
    try {
      X500Name name = new X500Name("CN=waxseal test TSA");
      certificate =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(3161),
                  new Date(1_760_000_000_000L),
                  new Date(1_960_000_000_000L),
                  name,
                  keys.getPublic())
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(Signers.BC)
                      .build(keys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A DER {@code TimeStampResp} stamping {@code artifact}.
   *
   * @param includeCertificate whether the client asked for the TSA certificate (certReq)
   */
  byte[] respond(byte[] artifact, boolean includeCertificate) {
    try {
      TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
      requests.setCertReq(includeCertificate);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
      TimeStampRequest request =
          requests.generate(NISTObjectIdentifiers.id_sha256, digest, BigInteger.valueOf(42));
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .setProvider(Signers.BC)
                  .build("SHA256withECDSA", keys.getPrivate(), certificate),
              new org.bouncycastle.operator.bc.BcDigestCalculatorProvider()
                  .get(
                      new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                          org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
              new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4.1"));
      tokens.addCertificates(new CollectionStore<>(List.of(certificate)));
      TimeStampResponseGenerator responses =
          new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
      return responses
          .generate(request, BigInteger.valueOf(1), new Date(1_764_460_800_000L))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A rejection response ({@code PKIStatus.rejection}). */
  byte[] reject() {
    try {
      TimeStampResponseGenerator responses =
          new TimeStampResponseGenerator(
              new TimeStampTokenGenerator(
                  new JcaSimpleSignerInfoGeneratorBuilder()
                      .setProvider(Signers.BC)
                      .build("SHA256withECDSA", keys.getPrivate(), certificate),
                  new org.bouncycastle.operator.bc.BcDigestCalculatorProvider()
                      .get(
                          new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                              org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
                  new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4.1")),
              TSPAlgorithms.ALLOWED);
      return responses
          .generateRejectedResponse(new org.bouncycastle.tsp.TSPException("no"))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
