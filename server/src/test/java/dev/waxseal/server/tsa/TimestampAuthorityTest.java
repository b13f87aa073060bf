package dev.waxseal.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The authority's answers, read back and verified with Bouncy Castle's TSP. */
class TimestampAuthorityTest {
  static final long SEED = 20261206L;
  static final Instant NOW = Instant.parse("2026-12-06T11:30:15.750Z");
  static final TsaKeyMaterial KEYS = TsaKeyGenerator.generate("tsa.test", NOW, seeded());
  private static final byte[] ARTIFACT = "waxseal tsa\n".getBytes(StandardCharsets.UTF_8);
  private static final String QUERY = "application/timestamp-query";

  private final TimestampAuthority authority = authority(false);

  static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(SEED);
      return random;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TimestampAuthority authority(boolean includeChain) {
    return new TimestampAuthority(
        KEYS,
        TimestampAuthority.SIGSTORE_POLICY,
        List.of(TimestampAuthority.SIGSTORE_POLICY, "1.2.3.4"),
        includeChain,
        Clock.fixed(NOW, ZoneOffset.UTC),
        seeded());
  }

  static byte[] sha(String algorithm, byte[] data) throws Exception {
    return MessageDigest.getInstance(algorithm).digest(data);
  }

  private static TimeStampRequest request(
      ASN1ObjectIdentifier hash, byte[] digest, boolean certReq, BigInteger nonce) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(certReq);
    return generator.generate(hash, digest, nonce);
  }

  /** Parses and verifies the reply against the request and the leaf key; returns the token. */
  private static TimeStampToken verified(TimeStampRequest request, byte[] reply) throws Exception {
    TimeStampResponse response = new TimeStampResponse(reply);
    assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
    response.validate(request);
    TimeStampToken token = response.getTimeStampToken();
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(KEYS.leaf()));
    return token;
  }

  @Test
  void grantsASha256RequestWithTimestampAuthorityFields() throws Exception {
    byte[] digest = sha("SHA-256", ARTIFACT);
    TimeStampRequest request = request(TSPAlgorithms.SHA256, digest, true, BigInteger.valueOf(42));

    TimeStampToken token = verified(request, authority.timestamp(request.getEncoded(), QUERY));

    TimeStampTokenInfo info = token.getTimeStampInfo();
    assertThat(info.getPolicy().getId()).isEqualTo("1.3.6.1.4.1.57264.2");
    assertThat(info.getNonce()).isEqualTo(BigInteger.valueOf(42));
    assertThat(info.getMessageImprintAlgOID()).isEqualTo(TSPAlgorithms.SHA256);
    assertThat(info.getMessageImprintDigest()).isEqualTo(digest);
    assertThat(info.getGenTime()).isEqualTo(Date.from(Instant.parse("2026-12-06T11:30:15Z")));
    assertThat(info.getGenTimeAccuracy().getSeconds()).isEqualTo(1);
    assertThat(info.getGenTimeAccuracy().getMillis()).isZero();
    assertThat(info.isOrdered()).isFalse();
    assertThat(info.getSerialNumber().bitLength()).isLessThanOrEqualTo(160).isPositive();
    assertThat(info.getTsa())
        .isEqualTo(
            new GeneralName(
                X500Name.getInstance(KEYS.leaf().getSubjectX500Principal().getEncoded())));
    // certReq: the leaf only (timestamp-authority's default, no chain)
    Collection<X509CertificateHolder> certs = token.getCertificates().getMatches(null);
    assertThat(certs).extracting(TimestampAuthorityTest::b64).containsExactly(b64(KEYS.leaf()));
    // ESS signingCertificateV2 names the leaf (RFC 5816)
    assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2))
        .isNotNull();
  }

  private static String b64(X509CertificateHolder holder) {
    try {
      return java.util.Base64.getEncoder().encodeToString(holder.getEncoded());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(java.security.cert.X509Certificate cert) {
    try {
      return java.util.Base64.getEncoder().encodeToString(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutCertReqNoCertificateAndWithoutNonceNone() throws Exception {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    TimeStampRequest request = generator.generate(TSPAlgorithms.SHA512, sha("SHA-512", ARTIFACT));

    TimeStampToken token = verified(request, authority.timestamp(request.getEncoded(), QUERY));

    assertThat(token.getCertificates().getMatches(null)).isEmpty();
    assertThat(token.getTimeStampInfo().getNonce()).isNull();
  }

  @Test
  void includesTheChainWhenConfigured() throws Exception {
    TimeStampRequest request =
        request(TSPAlgorithms.SHA384, sha("SHA-384", ARTIFACT), true, BigInteger.ONE);

    TimeStampToken token =
        verified(request, authority(true).timestamp(request.getEncoded(), QUERY));

    // A DER SET: in canonical order, not the chain's.
    assertThat(token.getCertificates().getMatches(null))
        .extracting(TimestampAuthorityTest::b64)
        .containsExactlyInAnyOrder(b64(KEYS.leaf()), b64(KEYS.root()));
  }

  @Test
  void usesAnAcceptedRequestedPolicy() throws Exception {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
    TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha("SHA-256", ARTIFACT));

    TimeStampToken token = verified(request, authority.timestamp(request.getEncoded(), QUERY));

    assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo("1.2.3.4");
  }

  @Test
  void jsonFormGivesTheSameKindOfToken() throws Exception {
    byte[] digest = sha("SHA-384", ARTIFACT);
    String json =
        "{\"ArtifactHash\":\""
            + java.util.Base64.getEncoder().encodeToString(digest)
            + "\",\"hashAlgorithm\":\"SHA384\",\"nonce\":123456789012345678901234567890,"
            + "\"certificates\":true,\"unknown\":1}";

    TimeStampResponse response =
        new TimeStampResponse(
            authority.timestamp(json.getBytes(StandardCharsets.UTF_8), "application/json"));

    TimeStampToken token = response.getTimeStampToken();
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(KEYS.leaf()));
    assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
    assertThat(token.getTimeStampInfo().getNonce())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(token.getCertificates().getMatches(null)).hasSize(1);
  }

  static Stream<Arguments> refusals() throws Exception {
    byte[] d256 = sha("SHA-256", ARTIFACT);
    TimeStampRequestGenerator withExtension = new TimeStampRequestGenerator();
    withExtension.addExtension(
        new ASN1ObjectIdentifier("1.2.3.99"), false, new DEROctetString(new byte[] {1}));
    TimeStampRequestGenerator otherPolicy = new TimeStampRequestGenerator();
    otherPolicy.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.5"));
    String b64 = java.util.Base64.getEncoder().encodeToString(d256);
    return Stream.of(
        der(
            "SHA-1 imprint",
            new TimeStampRequestGenerator()
                .generate(OIWObjectIdentifiers.idSHA1, sha("SHA-1", ARTIFACT)),
            400,
            TsaException.WEAK_HASH),
        der(
            "MD5 imprint",
            new TimeStampRequestGenerator().generate(PKCSObjectIdentifiers.md5, new byte[16]),
            400,
            TsaException.FAILED),
        der(
            "digest one byte short",
            new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, java.util.Arrays.copyOf(d256, 31)),
            400,
            TsaException.DIGEST_LENGTH),
        der(
            "SHA-256 digest named SHA-512",
            new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA512, d256),
            400,
            TsaException.DIGEST_LENGTH),
        der(
            "policy not accepted",
            otherPolicy.generate(TSPAlgorithms.SHA256, d256),
            400,
            TsaException.UNACCEPTED_POLICY),
        der(
            "request extensions",
            withExtension.generate(TSPAlgorithms.SHA256, d256),
            400,
            TsaException.UNACCEPTED_EXTENSION),
        Arguments.of(
            "not DER", "hello".getBytes(StandardCharsets.UTF_8), QUERY, 400, TsaException.FAILED),
        Arguments.of(
            "DER with trailing bytes",
            concat(
                new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, d256).getEncoded(),
                new byte[] {0}),
            QUERY,
            400,
            TsaException.FAILED),
        Arguments.of(
            "media type with parameters",
            new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, d256).getEncoded(),
            QUERY + "; charset=binary",
            400,
            TsaException.FAILED),
        Arguments.of("no application/ type", new byte[0], "", 415, TsaException.FAILED),
        Arguments.of(
            "two application/ types",
            new byte[0],
            "application/json, application/json",
            415,
            TsaException.FAILED),
        json(
            "JSON over 1024 bytes",
            "{\"hashAlgorithm\":\"sha256\",\"x\":\"" + "a".repeat(1010) + "\"}",
            TsaException.TOO_LARGE),
        json("JSON that does not parse", "{\"hashAlgorithm\":", TsaException.FAILED),
        json(
            "JSON SHA-1",
            "{\"artifactHash\":\"" + b64 + "\",\"hashAlgorithm\":\"sha1\"}",
            TsaException.WEAK_HASH),
        json(
            "JSON unknown hash",
            "{\"artifactHash\":\"" + b64 + "\",\"hashAlgorithm\":\"md5\"}",
            TsaException.FAILED),
        json("JSON no hash algorithm", "{\"artifactHash\":\"" + b64 + "\"}", TsaException.FAILED),
        json(
            "JSON hash not base64",
            "{\"artifactHash\":\"***\",\"hashAlgorithm\":\"sha256\"}",
            TsaException.FAILED),
        json(
            "JSON short digest",
            "{\"artifactHash\":\"AAAA\",\"hashAlgorithm\":\"sha256\"}",
            TsaException.DIGEST_LENGTH),
        json(
            "JSON OID with a letter",
            "{\"artifactHash\":\""
                + b64
                + "\",\"hashAlgorithm\":\"sha256\",\"tsaPolicyOID\":\"1.2.x\"}",
            TsaException.LONG_OID),
        json(
            "JSON OID of 130 components",
            "{\"artifactHash\":\""
                + b64
                + "\",\"hashAlgorithm\":\"sha256\",\"tsaPolicyOID\":\"1"
                + ".1".repeat(129)
                + "\"}",
            TsaException.LONG_OID),
        json(
            "JSON policy not accepted",
            "{\"artifactHash\":\""
                + b64
                + "\",\"hashAlgorithm\":\"sha256\",\"tsaPolicyOID\":\"1.2.3.5\"}",
            TsaException.UNACCEPTED_POLICY),
        json(
            "JSON nonce as a string",
            "{\"artifactHash\":\"" + b64 + "\",\"hashAlgorithm\":\"sha256\",\"nonce\":\"5\"}",
            TsaException.FAILED));
  }

  private static Arguments der(String rule, TimeStampRequest request, int status, String message)
      throws Exception {
    return Arguments.of(rule, request.getEncoded(), QUERY, status, message);
  }

  private static Arguments json(String rule, String json, String message) {
    return Arguments.of(
        rule, json.getBytes(StandardCharsets.UTF_8), "application/json", 400, message);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesAsTimestampAuthority(
      String rule, byte[] body, String contentType, int status, String message) {
    TsaException e =
        catchThrowableOfType(TsaException.class, () -> authority.timestamp(body, contentType));

    assertThat(e).as(rule).isNotNull();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.jsonBody()).isEqualTo("{\"code\":" + status + ",\"message\":\"" + message + "\"}");
  }

  @Test
  void certChainIsPemLeafFirst() throws Exception {
    String pem = authority.certChainPem();
    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
    assertThat(pem).isEqualTo(TsaKeyMaterial.pem(KEYS.leaf()) + TsaKeyMaterial.pem(KEYS.root()));
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
        .isTrue();
  }
}
