package dev.waxseal.server.explorer;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.DsseRealEntriesTest;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.intoto.IntotoV002KindTest;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.rekord.Rekords;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real, signed entries of the common kinds for the explorer's browser tests, created through the
 * API: a hashedrekord signed with a Fulcio-style GitHub Actions certificate, a dsse and an intoto
 * 0.0.2 entry (an in-toto statement with a subject of its own), a rekord with a bare public key,
 * and a run of hashedrekords by one email address, enough for two result pages.
 */
final class ExplorerEntries {
  static final String FULCIO = "1.3.6.1.4.1.57264.1.";
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  static final String WORKFLOW_URI =
      "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3";
  static final String REPOSITORY = "acme/widget";
  static final String EMAIL = "explorer.signer@example.com";
  static final int EMAIL_ENTRIES = 12;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An entry as created: its kind, 80-hex UUID, log index and what searches should find it by. */
  record Created(String kind, String uuid, long logIndex, String artifactSha256) {}

  private final String base;

  ExplorerEntries(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** hashedrekord 0.0.1, signed by a key certified as a GitHub Actions workflow. */
  Created githubHashedrekord(KeyPair keys) throws Exception {
    byte[] artifact = "widget-1.2.3.tar.gz contents".getBytes(StandardCharsets.UTF_8);
    String digest = Signers.sha256Hex(artifact);
    byte[] pem = githubCertificate(keys);
    byte[] sig = Signers.sign(keys, Kind.P256, artifact);
    return post("hashedrekord", hashedrekord(sig, pem, digest), digest);
  }

  /** hashedrekord 0.0.1 of {@code label}, signed with a certificate for {@link #EMAIL}. */
  Created emailHashedrekord(KeyPair keys, String label) throws Exception {
    byte[] artifact = label.getBytes(StandardCharsets.UTF_8);
    String digest = Signers.sha256Hex(artifact);
    byte[] pem = Signers.certificatePem(keys, Kind.P256, EMAIL);
    return post(
        "hashedrekord", hashedrekord(Signers.sign(keys, Kind.P256, artifact), pem, digest), digest);
  }

  /** dsse 0.0.1: an in-toto statement in an envelope, with a certificate for {@link #EMAIL}. */
  Created dsse(KeyPair keys) throws Exception {
    String subject = Signers.sha256Hex("dsse subject".getBytes(StandardCharsets.UTF_8));
    byte[] payload = Signers.statement(subject, "1".repeat(40));
    String type = InTotoStatements.PAYLOAD_TYPE;
    byte[] sig = Signers.sign(keys, Kind.P256, DsseEnvelope.pae(type, payload));
    String envelope = Signers.envelopeJson(type, payload, List.of(Signers.b64(sig)));
    String pem = RealEntries.rewrap(Signers.certificatePem(keys, Kind.P256, EMAIL));
    return post(
        "dsse", request("dsse", "0.0.1", DsseRealEntriesTest.proposedSpec(envelope, pem)), subject);
  }

  /** intoto 0.0.2 with an Ed25519 key: the log keeps its attestation. */
  Created intoto(KeyPair keys) throws Exception {
    String subject = Signers.sha256Hex("intoto subject".getBytes(StandardCharsets.UTF_8));
    byte[] payload = Signers.statement(subject, "2".repeat(40));
    byte[] sig =
        Signers.sign(keys, Kind.ED25519, DsseEnvelope.pae(InTotoStatements.PAYLOAD_TYPE, payload));
    byte[] pem = RealEntries.rewrap(Signers.publicKeyPem(keys)).getBytes(StandardCharsets.US_ASCII);
    return post(
        "intoto",
        request("intoto", "0.0.2", IntotoV002KindTest.spec(payload, Signers.b64(sig), "", pem, "")),
        subject);
  }

  /** rekord 0.0.1 (x509 format) with a bare P-256 public key. */
  Created rekord(KeyPair keys) throws Exception {
    byte[] data = "rekord artifact for the explorer\n".getBytes(StandardCharsets.UTF_8);
    byte[] pem = Signers.publicKeyPem(keys);
    byte[] sig = Signers.sign(keys, Kind.P256, data);
    return post(
        "rekord",
        request("rekord", "0.0.1", Rekords.spec("x509", sig, pem, data, "")),
        Signers.sha256Hex(data));
  }

  private static String hashedrekord(byte[] sig, byte[] pem, String digest) {
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{"
        + "\"content\":\""
        + Signers.b64(sig)
        + "\",\"publicKey\":{\"content\":\""
        + Signers.b64(pem)
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + digest
        + "\"}}}}";
  }

  private static String request(String kind, String apiVersion, JsonNode spec) {
    ObjectNode request =
        JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    request.set("spec", spec);
    return new String(CanonicalJson.canonicalize(request), StandardCharsets.UTF_8);
  }

  /**
   * A certificate shaped like Fulcio's for a GitHub Actions workflow: the workflow URI as SAN, the
   * OIDC issuer in both the v1 (raw) and v2 (DER string) extensions, and the workflow extensions.
   */
  static byte[] githubCertificate(KeyPair keys) throws Exception {
    X500Name issuer = new X500Name("O=sigstore.dev, CN=sigstore-intermediate");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(20261206L),
            new Date(1_765_000_000_000L),
            new Date(1_765_000_600_000L),
            new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        true,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, WORKFLOW_URI)));
    raw(builder, 1, GITHUB_ISSUER);
    raw(builder, 2, "push");
    raw(builder, 3, "0123456789abcdef0123456789abcdef01234567");
    raw(builder, 4, "Release");
    raw(builder, 5, REPOSITORY);
    raw(builder, 6, "refs/tags/v1.2.3");
    der(builder, 8, GITHUB_ISSUER);
    der(builder, 9, WORKFLOW_URI);
    der(builder, 12, "https://github.com/" + REPOSITORY);
    der(builder, 14, "refs/tags/v1.2.3");
    byte[] cert =
        builder
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(Signers.BC)
                    .build(keys.getPrivate()))
            .getEncoded();
    java.io.StringWriter out = new java.io.StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject("CERTIFICATE", cert));
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void raw(JcaX509v3CertificateBuilder builder, int n, String value)
      throws Exception {
    builder.addExtension(
        new ASN1ObjectIdentifier(FULCIO + n), false, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void der(JcaX509v3CertificateBuilder builder, int n, String value)
      throws Exception {
    builder.addExtension(new ASN1ObjectIdentifier(FULCIO + n), false, new DERUTF8String(value));
  }

  private Created post(String kind, String request, String artifactSha256) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/log/entries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          kind + " entry was not created: " + response.statusCode() + " " + response.body());
    }
    JsonNode json = CanonicalJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
    String uuid = json.propertyNames().iterator().next();
    return new Created(kind, uuid, json.get(uuid).get("logIndex").longValue(), artifactSha256);
  }
}
