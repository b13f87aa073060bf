package dev.waxseal.server.entries.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** jar 0.0.1: a real Rekor entry rebuilt from its parts, and JARs signed in the test. */
class JarKindTest {
  @TempDir Path temp;
  private final JarKind kind = new JarKind(JarKind.DEFAULT_MAX_METADATA_SIZE);

  private static JsonNode spec(byte[] jar) {
    return CanonicalJson.mapper()
        .createObjectNode()
        .set(
            "archive",
            CanonicalJson.mapper()
                .createObjectNode()
                .put("content", Base64.getEncoder().encodeToString(jar)));
  }

  private static String text(CanonicalEntry entry) {
    return new String(entry.body(), StandardCharsets.UTF_8);
  }

  @Test
  void rebuildsARealRekorJarEntryByteForByte() throws Exception {
    JsonNode response;
    try (InputStream in =
        getClass().getResourceAsStream("/entries/jar/rekor-response-jar-entry.json")) {
      response = CanonicalJson.mapper().readTree(in);
    }
    Map.Entry<String, JsonNode> only = response.properties().iterator().next();
    byte[] body = Base64.getDecoder().decode(only.getValue().get("body").stringValue());
    JsonNode spec = CanonicalJson.parse(body).get("spec");
    byte[] signaturePem =
        Base64.getDecoder().decode(spec.get("signature").get("content").stringValue());
    byte[] block = Pem.decodeFirst(signaturePem).orElseThrow().der();
    String hash = spec.get("archive").get("hash").get("value").stringValue();

    CanonicalEntry entry = JarKind.entry(block, hash);

    assertThat(text(entry)).isEqualTo(new String(body, StandardCharsets.UTF_8));
    assertThat(only.getKey()).endsWith(entry.uuid());
    assertThat(entry.searchKeys())
        .containsExactly(Signers.sha256Hex(signaturePem), "sha256:" + hash);
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"P256", "RSA2048"})
  void verifiesAJarSignedByTheJdk(Kind key) throws Exception {
    byte[] jar = SignedJars.signed(key, "WAXSEAL", temp);

    CanonicalEntry entry = kind.canonicalize(spec(jar), Purpose.APPEND);

    JsonNode stored = CanonicalJson.parse(entry.body()).get("spec");
    assertThat(stored.get("archive").get("hash").get("value").stringValue())
        .isEqualTo(Signers.sha256Hex(jar));
    byte[] certificate =
        Base64.getDecoder()
            .decode(stored.get("signature").get("publicKey").get("content").stringValue());
    assertThat(new String(certificate, StandardCharsets.US_ASCII))
        .isEqualTo(new String(SignedJars.certificatePem(key), StandardCharsets.US_ASCII));
    assertThat(stored.get("signature").get("content").stringValue()).isNotEmpty();
    assertThat(entry.searchKeys()).hasSize(2).endsWith("sha256:" + Signers.sha256Hex(jar));
    assertThat(kind.canonicalize(spec(jar), Purpose.SEARCH)).isEqualTo(entry);
  }

  @Test
  void acceptsTheMatchingHashAndRejectsAnother() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "WAXSEAL", temp);
    JsonNode good = spec(jar);
    ((tools.jackson.databind.node.ObjectNode) good.get("archive"))
        .putObject("hash")
        .put("algorithm", "sha256")
        .put("value", Signers.sha256Hex(jar));
    assertThat(kind.canonicalize(good, Purpose.APPEND))
        .isEqualTo(kind.canonicalize(spec(jar), Purpose.APPEND));

    JsonNode bad = spec(jar);
    String other = "0".repeat(64);
    ((tools.jackson.databind.node.ObjectNode) bad.get("archive"))
        .putObject("hash")
        .put("algorithm", "sha256")
        .put("value", other);
    assertThatThrownBy(() -> kind.canonicalize(bad, Purpose.APPEND))
        .hasMessage("SHA mismatch: " + Signers.sha256Hex(jar) + " != " + other);
    ((tools.jackson.databind.node.ObjectNode) bad.get("archive").get("hash"))
        .put("value", other.toUpperCase(java.util.Locale.ROOT).replace('0', 'A'));
    assertThatThrownBy(() -> kind.canonicalize(bad, Purpose.APPEND))
        .hasMessage("invalid value for hash");
  }

  @Test
  void rejectsATamperedFile() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "WAXSEAL", temp);
    byte[] tampered =
        SignedJars.rewrite(
            jar, "hello/Hello.txt", b -> "hello, evil\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> kind.canonicalize(spec(tampered), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageStartingWith("file \"hello/Hello.txt\" in MANIFEST.MF: Sha-256-Digest mismatch");
  }

  @Test
  void rejectsATamperedManifest() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "WAXSEAL", temp);
    byte[] tampered =
        SignedJars.rewrite(
            jar,
            "META-INF/MANIFEST.MF",
            b ->
                (new String(b, StandardCharsets.UTF_8) + "Name: extra\r\nX: y\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> kind.canonicalize(spec(tampered), Purpose.APPEND))
        .hasMessageStartingWith("manifest signature: Sha-256-Digest-Manifest mismatch");
  }

  @Test
  void rejectsATamperedSignatureFile() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "WAXSEAL", temp);
    byte[] tampered =
        SignedJars.rewrite(
            jar,
            "META-INF/WAXSEAL.SF",
            b ->
                (new String(b, StandardCharsets.UTF_8) + "X-Extra: 1\r\n")
                    .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> kind.canonicalize(spec(tampered), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("pkcs7: the signature block does not verify over its signature file")
        .extracting(e -> ((InvalidEntryException) e).reason())
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void rejectsTwoSignatures() throws Exception {
    byte[] once = SignedJars.signed(Kind.P256, "FIRST", temp);
    byte[] twice = SignedJars.sign(once, Kind.RSA2048, "SECOND", temp);

    assertThatThrownBy(() -> kind.canonicalize(spec(twice), Purpose.APPEND))
        .hasMessage("multiple signatures detected in JAR; unable to process");
  }

  @Test
  void rejectsUnsignedJarsAndNonJars() throws Exception {
    assertThatThrownBy(() -> kind.canonicalize(spec(SignedJars.unsigned()), Purpose.APPEND))
        .hasMessage("JAR is not signed: no META-INF/*.SF signature file");
    assertThatThrownBy(() -> kind.canonicalize(spec(new byte[] {1, 2, 3}), Purpose.APPEND))
        .hasMessage("zip: not a valid zip file");
  }

  @Test
  void enforcesTheMetadataSizeLimitPerFile() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "WAXSEAL", temp);

    assertThatThrownBy(() -> new JarKind(10).canonicalize(spec(jar), Purpose.APPEND))
        .hasMessageMatching("uncompressed jar metadata of size \\d+ exceeds max allowed size 10");
    assertThat(new JarKind(0).canonicalize(spec(jar), Purpose.APPEND))
        .isEqualTo(kind.canonicalize(spec(jar), Purpose.APPEND));
  }

  @Test
  void refusesUrlsAndMissingContent() {
    JsonNode url =
        CanonicalJson.parse(
            "{\"archive\":{\"url\":\"https://example.com/a.jar\"}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> kind.canonicalize(url, Purpose.APPEND))
        .hasMessageContaining("cannot be fetched");
    assertThatThrownBy(
            () ->
                kind.canonicalize(
                    CanonicalJson.parse("{\"archive\":{}}".getBytes()), Purpose.APPEND))
        .hasMessage("'content' must be specified for package");
    assertThatThrownBy(
            () -> kind.canonicalize(CanonicalJson.parse("{}".getBytes()), Purpose.APPEND))
        .hasMessage("archive in body is required");
  }

  /**
   * The rfc3161 fuzzing finding in a jar: the signature block's certificates replaced by the
   * malformed one that finding kept. Bouncy Castle threw IllegalArgumentException when the signer's
   * certificate was looked up, a 500.
   */
  @Test
  void malformedCertificateInTheSignatureBlockIsRefusedNotAServerError() throws Exception {
    byte[] tsr;
    try (var in =
        getClass()
            .getResourceAsStream(
                "/dev/waxseal/server/entries/rfc3161/Rfc3161FuzzTestInputs/timeStampResponse/"
                    + "finding-malformed-certificate-in-signed-data.tsr")) {
      tsr = in.readAllBytes();
    }
    ASN1Set malformed =
        SignedData.getInstance(TimeStampResp.getInstance(tsr).getTimeStampToken().getContent())
            .getCertificates();
    byte[] jar =
        SignedJars.rewrite(
            SignedJars.signed(Kind.P256, "BAD", temp),
            "META-INF/BAD.EC",
            block -> {
              var info = ContentInfo.getInstance(block);
              var data = SignedData.getInstance(info.getContent());
              var swapped =
                  new SignedData(
                      data.getDigestAlgorithms(),
                      data.getEncapContentInfo(),
                      malformed,
                      data.getCRLs(),
                      data.getSignerInfos());
              try {
                return new ContentInfo(info.getContentType(), swapped).getEncoded();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThatThrownBy(() -> kind.canonicalize(spec(jar), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("pkcs7: the signature block is not a PKCS #7 SignedData");
  }
}
