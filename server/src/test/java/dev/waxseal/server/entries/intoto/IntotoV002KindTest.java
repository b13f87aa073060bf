package dev.waxseal.server.entries.intoto;

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
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** intoto 0.0.2 with generated keys and certificates, and the entries it must refuse. */
public class IntotoV002KindTest {
  static final String SUBJECT = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  static final String MATERIAL = "0123456789abcdef0123456789abcdef01234567";
  static final String CLIENT_HASH =
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
  private static final IntotoV002Kind KIND =
      new IntotoV002Kind(new X509PublicKeyCache(64), 8192, 1024);

  /** A proposed spec; {@code extra} is spliced into {@code content}. */
  public static JsonNode spec(
      byte[] payload, String sig, String keyId, byte[] publicKeyPem, String extra) {
    String json =
        "{\"content\":{\"envelope\":{\"payloadType\":\""
            + InTotoStatements.PAYLOAD_TYPE
            + "\",\"payload\":\""
            + Signers.b64(Signers.b64(payload).getBytes(StandardCharsets.US_ASCII))
            + "\",\"signatures\":[{"
            + (keyId.isEmpty() ? "" : "\"keyid\":\"" + keyId + "\",")
            + "\"sig\":\""
            + Signers.b64(sig.getBytes(StandardCharsets.US_ASCII))
            + "\",\"publicKey\":\""
            + Signers.b64(publicKeyPem)
            + "\"}]},\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
            + CLIENT_HASH
            + "\"}"
            + extra
            + "}}";
    return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} certificate={1}")
  @CsvSource({
    "P256, false", "P256, true", "P384, false", "P384, true",
    "RSA2048, false", "RSA2048, true", "ED25519, false", "ED25519, true"
  })
  void acceptsEachAlgorithmAsKeyAndCertificate(Kind kind, boolean certificate) {
    KeyPair keys = Signers.keyPair(kind);
    byte[] goPem =
        certificate
            ? Signers.certificatePem(keys, kind, "Dev@Example.com")
            : Signers.publicKeyPem(keys);
    byte[] clientPem = RealEntries.rewrap(goPem).getBytes(StandardCharsets.US_ASCII);
    byte[] payload = Signers.statement(SUBJECT, MATERIAL);
    String sig = Signers.dsseSignature(keys, kind, InTotoStatements.PAYLOAD_TYPE, payload);
    String wrongPayloadHash =
        ",\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"" + SUBJECT + "\"}";

    CanonicalEntry entry =
        KIND.canonicalize(spec(payload, sig, "key-1", clientPem, wrongPayloadHash), Purpose.APPEND);

    JsonNode content = CanonicalJson.parse(entry.body()).get("spec").get("content");
    JsonNode signature = content.get("envelope").get("signatures").get(0);
    assertThat(signature.get("keyid").stringValue()).isEqualTo("key-1");
    assertThat(signature.get("publicKey").stringValue())
        .as("kept as sent, not re-encoded")
        .isEqualTo(Signers.b64(clientPem));
    assertThat(signature.get("sig").stringValue())
        .isEqualTo(Signers.b64(sig.getBytes(StandardCharsets.US_ASCII)));
    assertThat(content.get("envelope").has("payload")).isFalse();
    assertThat(content.get("hash").get("value").stringValue()).isEqualTo(CLIENT_HASH);
    assertThat(content.get("payloadHash").get("value").stringValue())
        .as("computed, the client's value replaced")
        .isEqualTo(Signers.sha256Hex(payload));
    List<String> expected = new ArrayList<>();
    expected.add("sha256:" + Signers.sha256Hex(goPem));
    if (certificate) {
      expected.add("dev@example.com");
      expected.add("https://example.com/workflow");
    }
    expected.add("sha256:" + Signers.sha256Hex(payload));
    expected.add("sha256:" + SUBJECT);
    expected.add("sha1:" + MATERIAL);
    assertThat(entry.searchKeys()).containsExactlyElementsOf(expected);
    assertThat(entry.attestation()).hasValueSatisfying(a -> assertThat(a).isEqualTo(payload));
  }

  @Test
  void dropsAnAttestationOverTheLimit() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] payload = new byte[2000];
    String sig = Signers.dsseSignature(keys, Kind.P256, InTotoStatements.PAYLOAD_TYPE, payload);
    CanonicalEntry entry =
        KIND.canonicalize(spec(payload, sig, "", Signers.publicKeyPem(keys), ""), Purpose.APPEND);
    assertThat(entry.attestation()).isEmpty();
    assertThat(entry.searchKeys()).as("not a statement: Rekor's IndexKeys fails").isEmpty();
  }

  private static void assertInvalid(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> KIND.canonicalize(spec, Purpose.APPEND))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @Test
  void rejectsAnOversizedPayload() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] payload = new byte[6147]; // 8196 characters of base64
    String sig = Signers.dsseSignature(keys, Kind.P256, InTotoStatements.PAYLOAD_TYPE, payload);
    assertInvalid(
        spec(payload, sig, "", Signers.publicKeyPem(keys), ""),
        Reason.MALFORMED_ENTRY,
        "the DSSE payload is 8196 bytes of base64, more than this server's limit of 8192");
  }

  @Test
  void rejectsATamperedPayload() {
    KeyPair keys = Signers.keyPair(Kind.ED25519);
    byte[] payload = Signers.statement(SUBJECT, MATERIAL);
    String sig = Signers.dsseSignature(keys, Kind.ED25519, InTotoStatements.PAYLOAD_TYPE, payload);
    payload[3] ^= 1;
    assertInvalid(
        spec(payload, sig, "", Signers.publicKeyPem(keys), ""),
        Reason.INVALID_SIGNATURE,
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1: verifier 0 verifies no signature of the envelope");
  }

  @Test
  void rejectsMissingAndMalformedFields() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
    String sig = Signers.dsseSignature(keys, Kind.P256, InTotoStatements.PAYLOAD_TYPE, payload);
    String valid = spec(payload, sig, "", Signers.publicKeyPem(keys), "").toString();
    assertInvalid(
        CanonicalJson.parse(
            valid.replace(",\"hash\"", ",\"nohash\"").getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "missing envelope digest: send content.hash, the SHA-256 of your DSSE envelope");
    assertInvalid(
        CanonicalJson.parse("{}".getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "content in body is required");
    assertInvalid(
        CanonicalJson.parse(
            valid.replaceAll("\"payload\":\"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "entry not insertable into log: missing envelope content: send content.envelope.payload");
    assertInvalid(
        CanonicalJson.parse(
            valid
                .replace("\"publicKey\":\"", "\"publicKey\":\"!")
                .getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "failed parsing base64 data: content.envelope.signatures.0.publicKey must be standard"
            + " base64");
    assertInvalid(
        CanonicalJson.parse(
            valid.replace("\"sha256\"", "\"sha512\"").getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "content.hash.algorithm in body should be one of [sha256]");
  }
}
