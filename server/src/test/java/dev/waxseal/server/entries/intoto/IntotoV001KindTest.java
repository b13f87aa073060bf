package dev.waxseal.server.entries.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * intoto 0.0.1 with generated keys and certificates (the shared fixtures hold no real 0.0.1 entry),
 * and the entries it must refuse.
 */
public class IntotoV001KindTest {
  static final String SUBJECT = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  static final String MATERIAL = "0123456789abcdef0123456789abcdef01234567";
  private static final IntotoV001Kind KIND =
      new IntotoV001Kind(new X509PublicKeyCache(64), 1 << 20, 100 * 1024);

  public static JsonNode spec(String envelope, byte[] publicKeyPem) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode content = nodes.objectNode().put("envelope", envelope);
    // Client values of server-computed fields are ignored, as in Rekor.
    content.set("hash", nodes.objectNode().put("algorithm", "sha256").put("value", "ignored"));
    ObjectNode spec = nodes.objectNode().put("publicKey", Signers.b64(publicKeyPem));
    spec.set("content", content);
    return spec;
  }

  /** An envelope whose signatures carry the given key ids. */
  public static String envelope(byte[] payload, List<String> sigs, List<String> keyIds) {
    StringBuilder s =
        new StringBuilder("{\"payloadType\":\"")
            .append(InTotoStatements.PAYLOAD_TYPE)
            .append("\",\"payload\":\"")
            .append(Signers.b64(payload))
            .append("\",\"signatures\":[");
    for (int i = 0; i < sigs.size(); i++) {
      s.append(i == 0 ? "" : ",")
          .append("{\"keyid\":\"")
          .append(keyIds.get(i))
          .append("\",\"sig\":\"")
          .append(sigs.get(i))
          .append("\"}");
    }
    return s.append("]}").toString();
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
            ? Signers.certificatePem(keys, kind, "ops@example.com")
            : Signers.publicKeyPem(keys);
    byte[] payload = Signers.statement(SUBJECT, MATERIAL);
    String sig = Signers.dsseSignature(keys, kind, InTotoStatements.PAYLOAD_TYPE, payload);
    String envelope = envelope(payload, List.of(sig), List.of(""));

    CanonicalEntry entry =
        KIND.canonicalize(
            spec(envelope, RealEntries.rewrap(goPem).getBytes(StandardCharsets.US_ASCII)),
            Purpose.APPEND);

    String envelopeHash = Signers.sha256Hex(envelope.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"intoto\",\"spec\":{\"content\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + envelopeHash
                + "\"},\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\""
                + Signers.sha256Hex(payload)
                + "\"}},\"publicKey\":\""
                + Signers.b64(goPem)
                + "\"}}");
    List<String> expected = new ArrayList<>();
    expected.add("sha256:" + envelopeHash);
    expected.add("sha256:" + Signers.sha256Hex(goPem));
    if (certificate) {
      expected.add("ops@example.com");
      expected.add("https://example.com/workflow");
    }
    expected.add("sha256:" + Signers.sha256Hex(payload));
    expected.add("sha256:" + SUBJECT);
    expected.add("sha1:" + MATERIAL);
    assertThat(entry.searchKeys()).containsExactlyElementsOf(expected);
    assertThat(entry.attestation()).hasValueSatisfying(a -> assertThat(a).isEqualTo(payload));
  }

  @Test
  void triesOnlySignaturesWithoutKeyIdOrWithTheKeysSshFingerprint() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] pem = Signers.publicKeyPem(keys);
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    String sig = Signers.dsseSignature(keys, Kind.P256, InTotoStatements.PAYLOAD_TYPE, payload);
    String fingerprint =
        "SHA256:"
            + Base64.getEncoder()
                .withoutPadding()
                .encodeToString(Rfc6962.sha256(X509PublicKey.parse(pem).sshWireFormat()));

    assertThat(
            KIND.canonicalize(
                spec(envelope(payload, List.of(sig), List.of(fingerprint)), pem), Purpose.APPEND))
        .isNotNull();
    assertThatThrownBy(
            () ->
                KIND.canonicalize(
                    spec(envelope(payload, List.of(sig), List.of("some-other-key")), pem),
                    Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage(
            "accepted signatures do not match threshold, Found: 0, Expected 1: publicKey"
                + " verifies no signature of the envelope");
    // One verifying signature is enough in 0.0.1; others (by other keys) are not checked.
    String other =
        Signers.dsseSignature(
            Signers.keyPair(Kind.ED25519), Kind.ED25519, InTotoStatements.PAYLOAD_TYPE, payload);
    assertThat(
            KIND.canonicalize(
                spec(envelope(payload, List.of(other, sig), List.of("", "")), pem), Purpose.APPEND))
        .isNotNull();
  }

  private static void assertInvalid(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> KIND.canonicalize(spec, Purpose.APPEND))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @Test
  void rejectsTamperedAndIncompleteEntries() {
    KeyPair keys = Signers.keyPair(Kind.RSA2048);
    byte[] pem = Signers.publicKeyPem(keys);
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    String sig = Signers.dsseSignature(keys, Kind.RSA2048, InTotoStatements.PAYLOAD_TYPE, payload);
    assertInvalid(
        spec(envelope("{ }".getBytes(StandardCharsets.UTF_8), List.of(sig), List.of("")), pem),
        Reason.INVALID_SIGNATURE,
        "accepted signatures do not match threshold, Found: 0, Expected 1: publicKey verifies no"
            + " signature of the envelope");
    assertInvalid(
        spec("", pem),
        Reason.MALFORMED_ENTRY,
        "entry not insertable into log: missing envelope content: send content.envelope");
    assertInvalid(
        CanonicalJson.parse("{\"content\":{}}".getBytes(StandardCharsets.UTF_8)),
        Reason.MALFORMED_ENTRY,
        "publicKey in body is required");
    assertInvalid(
        spec(envelope(payload, List.of(sig), List.of("")), "junk".getBytes(StandardCharsets.UTF_8)),
        Reason.INVALID_PUBLIC_KEY,
        "invalid public key: failure decoding PEM");
    assertInvalid(
        spec("[]", pem), Reason.MALFORMED_ENTRY, "the DSSE envelope must be a JSON object");
  }

  @Test
  void searchWithTheStoredBodyFindsTheSameLeaf() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    String sig = Signers.dsseSignature(keys, Kind.P256, InTotoStatements.PAYLOAD_TYPE, payload);
    CanonicalEntry appended =
        KIND.canonicalize(
            spec(envelope(payload, List.of(sig), List.of("")), Signers.publicKeyPem(keys)),
            Purpose.APPEND);

    CanonicalEntry searched =
        KIND.canonicalize(CanonicalJson.parse(appended.body()).get("spec"), Purpose.SEARCH);

    assertThat(searched.body()).isEqualTo(appended.body());
  }
}
