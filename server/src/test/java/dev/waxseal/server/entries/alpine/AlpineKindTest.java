package dev.waxseal.server.entries.alpine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** alpine 0.0.1 with APKs built and signed here as abuild does. */
class AlpineKindTest {
  private static final AlpineKind KIND =
      new AlpineKind(new X509PublicKeyCache(16), AlpineKind.DEFAULT_MAX_METADATA_SIZE);
  private static final HexFormat HEX = HexFormat.of();
  private static KeyPair rsa;
  private static byte[] dataGz;
  private static String pkginfo;
  private static byte[] apk;

  @BeforeAll
  static void build() throws Exception {
    rsa = Apks.keyPair("RSA", 2048);
    dataGz = Apks.data();
    pkginfo = Apks.pkginfo(dataGz);
    apk = Apks.signed(rsa, "SHA1withRSA", pkginfo, dataGz);
  }

  static String request(byte[] apk, String pem) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"package\":{\"content\":\""
        + b64.encodeToString(apk)
        + "\"},\"publicKey\":{\"content\":\""
        + b64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII))
        + "\"}}";
  }

  static CanonicalEntry canonicalize(AlpineKind kind, String spec) {
    return kind.canonicalize(
        CanonicalJson.parse(spec.getBytes(StandardCharsets.UTF_8)), Purpose.APPEND);
  }

  private static InvalidEntryException refusal(String spec) {
    try {
      canonicalize(KIND, spec);
    } catch (InvalidEntryException e) {
      return e;
    }
    throw new AssertionError("accepted " + spec);
  }

  @Test
  void storesKeyHashAndPkginfo() {
    CanonicalEntry entry = canonicalize(KIND, request(apk, Apks.pem(rsa.getPublic())));

    byte[] canonicalKey = X509PublicKey.parse(Apks.pem(rsa.getPublic()).getBytes()).canonicalPem();
    String sha256 = HEX.formatHex(Rfc6962.sha256(apk));
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"alpine\",\"spec\":{\"package\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + sha256
                + "\"},\"pkginfo\":{\"arch\":\"x86_64\",\"datahash\":\""
                + HEX.formatHex(Rfc6962.sha256(dataGz))
                + "\",\"depend\":\"/bin/sh\",\"license\":\"MIT\",\"pkgdesc\":\"Says hello\","
                + "\"pkgname\":\"hello\",\"pkgver\":\"1.0-r0\","
                + "\"url\":\"https://example.com/hello\"}},\"publicKey\":{\"content\":\""
                + Base64.getEncoder().encodeToString(canonicalKey)
                + "\"}}}");
    assertThat(entry.searchKeys())
        .containsExactly(HEX.formatHex(Rfc6962.sha256(canonicalKey)), "sha256:" + sha256);
  }

  @Test
  void acceptsTheMatchingHashAndAnEcdsaKey() throws Exception {
    KeyPair ec = Apks.keyPair("EC", 256);
    byte[] signed = Apks.signed(ec, "SHA1withECDSA", pkginfo, dataGz);
    String sha256 = HEX.formatHex(Rfc6962.sha256(signed));
    String withHash =
        request(signed, Apks.pem(ec.getPublic()))
            .replace(
                "{\"content\"",
                "{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha256 + "\"},\"content\"");

    assertThat(canonicalize(KIND, withHash))
        .isEqualTo(canonicalize(KIND, request(signed, Apks.pem(ec.getPublic()))));
  }

  @Test
  void acceptsAPemEncodedSignature() throws Exception {
    byte[] control = Apks.control(pkginfo);
    java.security.Signature signer = java.security.Signature.getInstance("SHA1withRSA");
    signer.initSign(rsa.getPrivate());
    signer.update(control);
    String pem =
        "-----BEGIN SIGNATURE-----\n"
            + Base64.getMimeEncoder().encodeToString(signer.sign())
            + "\n-----END SIGNATURE-----\n";
    byte[] signature =
        Apks.gzip(Apks.tar(".SIGN.RSA.pem.rsa.pub", pem.getBytes(StandardCharsets.US_ASCII), true));

    CanonicalEntry entry =
        canonicalize(
            KIND, request(Apks.apk(signature, control, dataGz), Apks.pem(rsa.getPublic())));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).contains("\"pkgname\":\"hello\"");
  }

  @Test
  void rejectsAnotherHash() {
    String wrong =
        request(apk, Apks.pem(rsa.getPublic()))
            .replace(
                "{\"content\"",
                "{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                    + "0".repeat(64)
                    + "\"},"
                    + "\"content\"");

    assertThat(refusal(wrong).getMessage()).startsWith("SHA mismatch: ");
  }

  @Test
  void rejectsAChangedControlSegment() throws Exception {
    byte[] signature = Apks.signatureMember(rsa.getPrivate(), "SHA1withRSA", Apks.control(pkginfo));
    byte[] tampered =
        Apks.apk(signature, Apks.control(pkginfo.replace("1.0-r0", "6.6-r6")), dataGz);

    InvalidEntryException e = refusal(request(tampered, Apks.pem(rsa.getPublic())));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage()).isEqualTo("crypto/rsa: verification error");
  }

  @Test
  void rejectsChangedData() throws Exception {
    byte[] control = Apks.control(pkginfo);
    byte[] other = Apks.gzip(Apks.tar("usr/bin/hello", new byte[] {1, 2, 3}, false));
    byte[] tampered =
        Apks.apk(Apks.signatureMember(rsa.getPrivate(), "SHA1withRSA", control), control, other);

    assertThat(refusal(request(tampered, Apks.pem(rsa.getPublic()))).getMessage())
        .startsWith("checksum for data.tar.gz (" + HEX.formatHex(Rfc6962.sha256(other)) + ")");
  }

  @Test
  void rejectsAnotherKey() throws Exception {
    KeyPair other = Apks.keyPair("RSA", 2048);

    assertThat(refusal(request(apk, Apks.pem(other.getPublic()))).reason())
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void rejectsMetadataOverTheLimit() {
    AlpineKind small = new AlpineKind(new X509PublicKeyCache(4), 100);

    assertThatThrownBy(() -> canonicalize(small, request(apk, Apks.pem(rsa.getPublic()))))
        .hasMessage("uncompressed .SIGN file size 256 exceeds max allowed size 100");
  }

  @Test
  void rejectsAPackageWithoutSignature() throws Exception {
    byte[] control = Apks.control(pkginfo);
    byte[] unsigned =
        Apks.apk(Apks.gzip(Apks.tar("README", new byte[] {'x'}, true)), control, dataGz);

    assertThat(refusal(request(unsigned, Apks.pem(rsa.getPublic()))).getMessage())
        .isEqualTo("no signature detected in alpine package");
  }

  @Test
  void rejectsNotGzip() {
    assertThat(refusal(request(new byte[] {1, 2, 3}, Apks.pem(rsa.getPublic()))).getMessage())
        .isEqualTo("reading signature.tar.gz: unexpected EOF");
  }

  @Test
  void namesMissingFieldsAsRekor() {
    String key =
        Base64.getEncoder()
            .encodeToString(Apks.pem(rsa.getPublic()).getBytes(StandardCharsets.US_ASCII));
    assertThat(refusal("{\"package\":{}}").getMessage()).isEqualTo("publicKey in body is required");
    assertThat(refusal("{\"publicKey\":{\"content\":\"" + key + "\"}}").getMessage())
        .isEqualTo("package in body is required");
    assertThat(refusal("{\"package\":{},\"publicKey\":{\"content\":\"" + key + "\"}}").getMessage())
        .isEqualTo("'content' must be specified for package");
    assertThat(
            refusal(
                    "{\"package\":{\"url\":\"https://example.com/a.apk\"},"
                        + "\"publicKey\":{\"content\":\""
                        + key
                        + "\"}}")
                .getMessage())
        .startsWith("package.url is not supported");
    assertThat(
            refusal(
                    "{\"package\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                        + "A".repeat(64)
                        + "\"}},\"publicKey\":{\"content\":\""
                        + key
                        + "\"}}")
                .getMessage())
        .isEqualTo("invalid value for hash");
  }
}
