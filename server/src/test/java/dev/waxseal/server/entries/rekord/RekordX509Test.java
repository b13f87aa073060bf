package dev.waxseal.server.entries.rekord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** rekord 0.0.1 with x509 signatures, and the rekord rejections common to every format. */
class RekordX509Test {
  @ParameterizedTest(name = "{0} certificate={1}")
  @CsvSource({
    "P256, false", "P256, true", "P384, false", "P384, true",
    "RSA2048, false", "RSA2048, true", "ED25519, false", "ED25519, true"
  })
  void acceptsEachAlgorithmAsKeyAndCertificate(Kind kind, boolean certificate) {
    KeyPair keys = Signers.keyPair(kind);
    byte[] goPem =
        certificate
            ? Signers.certificatePem(keys, kind, "rel@example.com")
            : Signers.publicKeyPem(keys);
    byte[] signature = Signers.sign(keys, kind, Rekords.ARTIFACT);

    CanonicalEntry entry =
        Rekords.canonicalize(
            "x509", signature, RealEntries.rewrap(goPem).getBytes(StandardCharsets.US_ASCII));

    assertThat(Rekords.text(entry))
        .isEqualTo(Rekords.body("x509", signature, goPem, Rekords.ARTIFACT));
    List<String> expected = new ArrayList<>();
    expected.add(Signers.sha256Hex(goPem));
    if (certificate) {
      expected.add("rel@example.com");
      expected.add("https://example.com/workflow");
    }
    expected.add("sha256:" + Signers.sha256Hex(Rekords.ARTIFACT));
    assertThat(entry.searchKeys()).containsExactlyElementsOf(expected);
  }

  @Test
  void acceptsAMatchingHash() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] signature = Signers.sign(keys, Kind.P256, Rekords.ARTIFACT);
    JsonNode spec =
        Rekords.spec(
            "x509",
            signature,
            Signers.publicKeyPem(keys),
            Rekords.ARTIFACT,
            ",\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                + Signers.sha256Hex(Rekords.ARTIFACT)
                + "\"}");
    assertThat(Rekords.text(Rekords.KIND.canonicalize(spec, Purpose.APPEND)))
        .isEqualTo(Rekords.body("x509", signature, Signers.publicKeyPem(keys), Rekords.ARTIFACT));
  }

  private static void assertInvalid(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> Rekords.KIND.canonicalize(spec, Purpose.APPEND))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  private static JsonNode json(String text) {
    return CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rejectsATamperedArtifactOrWrongKey() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] signature = Signers.sign(keys, Kind.P256, Rekords.ARTIFACT);
    assertInvalid(
        Rekords.spec(
            "x509",
            signature,
            Signers.publicKeyPem(keys),
            "other".getBytes(StandardCharsets.UTF_8),
            ""),
        Reason.INVALID_SIGNATURE,
        "verifying signature: invalid signature when validating ASN.1 encoded signature");
    KeyPair ed = Signers.keyPair(Kind.ED25519);
    assertInvalid(
        Rekords.spec(
            "x509",
            Signers.sign(ed, Kind.ED25519, Rekords.ARTIFACT),
            Signers.publicKeyPem(Signers.keyPair(Kind.ED25519, "other")),
            Rekords.ARTIFACT,
            ""),
        Reason.INVALID_SIGNATURE,
        "verifying signature: failed to verify signature");
  }

  @Test
  void rejectsAMismatchedHash() {
    KeyPair keys = Signers.keyPair(Kind.RSA2048);
    String hash = Signers.sha256Hex("x".getBytes(StandardCharsets.UTF_8));
    assertInvalid(
        Rekords.spec(
            "x509",
            Signers.sign(keys, Kind.RSA2048, Rekords.ARTIFACT),
            Signers.publicKeyPem(keys),
            Rekords.ARTIFACT,
            ",\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + hash + "\"}"),
        Reason.MALFORMED_ENTRY,
        "SHA mismatch: "
            + Signers.sha256Hex(Rekords.ARTIFACT)
            + " != "
            + hash
            + " (data.hash.value must be the lower-case hex SHA-256 of data.content)");
    assertInvalid(
        Rekords.spec(
            "x509",
            Signers.sign(keys, Kind.RSA2048, Rekords.ARTIFACT),
            Signers.publicKeyPem(keys),
            Rekords.ARTIFACT,
            ",\"hash\":{\"algorithm\":\"sha256\",\"value\":\"abc\"}"),
        Reason.MALFORMED_ENTRY,
        "invalid value for hash");
  }

  @Test
  void refusesUrls() {
    assertInvalid(
        json(
            "{\"signature\":{\"format\":\"x509\",\"content\":\"AA==\",\"publicKey\":"
                + "{\"content\":\"AA==\"}},\"data\":{\"url\":\"https://example.com/a\"}}"),
        Reason.MALFORMED_ENTRY,
        "data.url is not supported: this log never fetches content from URLs; send data.content"
            + " (base64) instead");
    assertInvalid(
        json(
            "{\"signature\":{\"format\":\"x509\",\"url\":\"https://example.com/s\",\"publicKey\":"
                + "{\"content\":\"AA==\"}},\"data\":{\"content\":\"AA==\"}}"),
        Reason.MALFORMED_ENTRY,
        "signature.url is not supported: this log never fetches content from URLs; send"
            + " signature.content (base64) instead");
    assertInvalid(
        json(
            "{\"signature\":{\"format\":\"x509\",\"content\":\"AA==\",\"publicKey\":"
                + "{\"url\":\"https://example.com/k\"}},\"data\":{\"content\":\"AA==\"}}"),
        Reason.MALFORMED_ENTRY,
        "signature.publicKey.url is not supported: this log never fetches content from URLs;"
            + " send signature.publicKey.content (base64) instead");
  }

  @Test
  void rejectsMissingFields() {
    assertInvalid(json("{\"data\":{}}"), Reason.MALFORMED_ENTRY, "signature in body is required");
    assertInvalid(
        json("{\"signature\":{\"format\":\"x509\"}}"),
        Reason.MALFORMED_ENTRY,
        "data in body is required");
    assertInvalid(
        json("{\"signature\":{\"format\":\"gpg\"},\"data\":{}}"),
        Reason.MALFORMED_ENTRY,
        "signature.format in body should be one of [pgp minisign x509 ssh]");
    assertInvalid(
        json("{\"signature\":{\"format\":\"x509\"},\"data\":{}}"),
        Reason.MALFORMED_ENTRY,
        "'content' must be specified for signature");
    assertInvalid(
        json("{\"signature\":{\"format\":\"x509\",\"content\":\"AA==\"},\"data\":{}}"),
        Reason.MALFORMED_ENTRY,
        "missing public key");
    assertInvalid(
        json(
            "{\"signature\":{\"format\":\"x509\",\"content\":\"AA==\",\"publicKey\":"
                + "{\"content\":\"AA==\"}},\"data\":{}}"),
        Reason.MALFORMED_ENTRY,
        "'content' must be specified for data");
    assertInvalid(
        json(
            "{\"signature\":{\"format\":\"x509\",\"content\":\"A\",\"publicKey\":"
                + "{\"content\":\"AA==\"}},\"data\":{}}"),
        Reason.MALFORMED_ENTRY,
        "failed parsing base64 data for signature content: illegal base64 data");
  }
}
