package dev.waxseal.server.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * Answers RFC 3161 timestamp requests as sigstore/timestamp-authority (v2.1) does.
 *
 * <p>Its rules: the message imprint is SHA-256, SHA-384 or SHA-512 (SHA-1 refused as weak, others
 * as unsupported) and as long as its hash; a requested policy must be an accepted one, else the
 * default policy is used; request extensions are refused. The token: TSTInfo version 1 with the
 * policy, the imprint, a random 160-bit serial number, the time in whole seconds (UTC), accuracy 1
 * s, ordering false, the request's nonce echoed, the TSA name (the leaf's subject); signed by the
 * leaf key (SHA-256) with an ESS {@code signingCertificateV2}; the leaf certificate included only
 * when the request sets {@code certReq} (with the issuing chain if so configured). Refusals are
 * HTTP 400 with timestamp-authority's JSON body and text, never an RFC 3161 rejection status.
 *
 * <p>Immutable and thread-safe: Bouncy Castle's token generator is built per request (it is
 * mutable), from the immutable key material.
 */
public final class TimestampAuthority {
  /** Sigstore's timestamp policy OID, timestamp-authority's default. */
  public static final String SIGSTORE_POLICY = "1.3.6.1.4.1.57264.2";

  private static final Set<ASN1ObjectIdentifier> ACCEPTED_HASHES =
      Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);

  private final TsaKeyMaterial keys;
  private final ASN1ObjectIdentifier defaultPolicy;
  private final Set<ASN1ObjectIdentifier> acceptedPolicies;
  private final boolean includeChain;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * Creates the authority.
   *
   * @throws IllegalArgumentException if a policy OID does not parse
   */
  public TimestampAuthority(
      TsaKeyMaterial keys,
      String defaultPolicy,
      List<String> acceptedPolicies,
      boolean includeChain,
      Clock clock,
      SecureRandom random) {
    this.keys = keys;
    this.defaultPolicy = new ASN1ObjectIdentifier(defaultPolicy);
    this.acceptedPolicies =
        Set.copyOf(acceptedPolicies.stream().map(ASN1ObjectIdentifier::new).toList());
    this.includeChain = includeChain;
    this.clock = clock;
    this.random = random;
  }

  /** The certificate chain as PEM, leaf first: the body of {@code /api/v1/timestamp/certchain}. */
  public String certChainPem() {
    return keys.chainPem();
  }

  /** The key material. */
  public TsaKeyMaterial keys() {
    return keys;
  }

  /**
   * Answers a request body sent with the given {@code Content-Type}.
   *
   * @return the DER {@code TimeStampResp} (status granted)
   * @throws TsaException with timestamp-authority's status and message if it refuses
   */
  public byte[] timestamp(byte[] body, String contentType) {
    TimeStampRequest request =
        switch (requestFormat(contentType)) {
          case "json" -> TimestampQuery.fromJson(body);
          case "timestamp-query" -> TimestampQuery.fromDer(body);
          default ->
              throw TsaException.badRequest(
                  TsaException.FAILED, "unsupported content type " + contentType);
        };
    check(request);
    return grant(request);
  }

  /**
   * timestamp-authority's {@code getContentType}: the text after the one {@code application/} of
   * the header, compared exactly ({@code json} or {@code timestamp-query}; parameters make it
   * unsupported).
   */
  private static String requestFormat(String contentType) {
    int first = contentType.indexOf("application/");
    if (first < 0 || contentType.indexOf("application/", first + 1) >= 0) {
      throw new TsaException(
          415,
          TsaException.FAILED,
          "content-type header should specify application only once: " + contentType);
    }
    return contentType.substring(first + "application/".length());
  }

  /** timestamp-authority's {@code verifyTimestampRequest}. */
  private void check(TimeStampRequest request) {
    ASN1ObjectIdentifier hash = request.getMessageImprintAlgOID();
    if (hash.equals(TimestampQuery.SHA1)) {
      throw TsaException.badRequest(
          TsaException.WEAK_HASH, "weak hash algorithm: must be SHA-256, SHA-384, or SHA-512");
    }
    int expected = TimestampQuery.digestLength(hash);
    if (expected < 0) {
      throw TsaException.badRequest(TsaException.FAILED, "unsupported hash algorithm " + hash);
    }
    int actual = request.getMessageImprintDigest().length;
    if (actual != expected) {
      throw TsaException.badRequest(
          TsaException.DIGEST_LENGTH,
          String.format(
              Locale.ROOT,
              "digest length inconsistent with specified hash algorithm: expected %d bytes, got"
                  + " %d bytes",
              expected,
              actual));
    }
    ASN1ObjectIdentifier policy = request.getReqPolicy();
    if (policy != null && !acceptedPolicies.contains(policy)) {
      throw TsaException.badRequest(TsaException.UNACCEPTED_POLICY, "policy " + policy);
    }
    if (request.hasExtensions()) {
      throw TsaException.badRequest(TsaException.UNACCEPTED_EXTENSION, "request has extensions");
    }
  }

  private byte[] grant(TimeStampRequest request) {
    try {
      TimeStampTokenGenerator tokens = tokenGenerator();
      TimeStampResponseGenerator responses =
          new TimeStampResponseGenerator(tokens, ACCEPTED_HASHES);
      // Whole seconds, as Go's asn1 GeneralizedTime writes the time (no fraction).
      long seconds = clock.instant().getEpochSecond();
      TimeStampResponse response =
          responses.generateGrantedResponse(
              request, // with no policy of its own, the generator's default applies
              new BigInteger(160, random),
              new Date(seconds * 1000));
      return response.getEncoded();
    } catch (TSPException
        | IOException
        | OperatorCreationException
        | CertificateEncodingException e) {
      throw new IllegalStateException("timestamp generation failed", e);
    }
  }

  private TimeStampTokenGenerator tokenGenerator()
      throws OperatorCreationException, TSPException, CertificateEncodingException {
    X509Certificate leaf = keys.leaf();
    PrivateKey key = keys.privateKey();
    DigestCalculator sha256 =
        new JcaDigestCalculatorProviderBuilder().build().get(TsaKeyMaterial.SHA256_ALGORITHM);
    SignerInfoGenerator signer =
        new JcaSimpleSignerInfoGeneratorBuilder().build(keys.signatureAlgorithm(), key, leaf);
    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer, sha256, defaultPolicy);
    tokens.setAccuracySeconds(1);
    tokens.setOrdering(false);
    tokens.setTSA(
        new GeneralName(X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded())));
    List<X509Certificate> certs = new ArrayList<>();
    certs.add(leaf);
    if (includeChain) {
      certs.addAll(keys.chain().subList(1, keys.chain().size()));
    }
    // Bouncy Castle adds these only when the request sets certReq, as RFC 3161 §2.4.1 says.
    tokens.addCertificates(new JcaCertStore(certs));
    return tokens;
  }
}
