package dev.waxseal.server.entries.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
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

/** dsse 0.0.1 with generated keys and certificates of every supported algorithm. */
class DsseKindTest {
  static final String SUBJECT = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  static final String MATERIAL = "0123456789abcdef0123456789abcdef01234567";
  private static final DsseKind KIND =
      new DsseKind(new X509PublicKeyCache(64), DsseKind.DEFAULT_MAX_ENVELOPE_SIZE);

  @ParameterizedTest(name = "{0} certificate={1}")
  @CsvSource({
    "P256, false", "P256, true", "P384, false", "P384, true",
    "RSA2048, false", "RSA2048, true", "ED25519, false", "ED25519, true"
  })
  void acceptsEachAlgorithmAsKeyAndCertificate(Kind kind, boolean certificate) {
    KeyPair keys = Signers.keyPair(kind);
    byte[] pem =
        certificate
            ? Signers.certificatePem(keys, kind, "Signer@Example.com")
            : Signers.publicKeyPem(keys);
    byte[] payload = Signers.statement(SUBJECT, MATERIAL);
    String sig = Signers.dsseSignature(keys, kind, InTotoStatements.PAYLOAD_TYPE, payload);
    String envelope = Signers.envelopeJson(InTotoStatements.PAYLOAD_TYPE, payload, List.of(sig));

    CanonicalEntry entry =
        KIND.canonicalize(
            DsseRealEntriesTest.proposedSpec(envelope, RealEntries.rewrap(pem)), Purpose.APPEND);

    JsonNode spec = CanonicalJson.parse(entry.body()).get("spec");
    assertThat(spec.get("signatures").get(0).get("signature").stringValue()).isEqualTo(sig);
    assertThat(spec.get("signatures").get(0).get("verifier").stringValue())
        .isEqualTo(Signers.b64(pem));
    assertThat(spec.get("envelopeHash").get("value").stringValue())
        .isEqualTo(Signers.sha256Hex(envelope.getBytes(StandardCharsets.UTF_8)));
    assertThat(spec.get("payloadHash").get("value").stringValue())
        .isEqualTo(Signers.sha256Hex(payload));
    List<String> expected = new ArrayList<>();
    expected.add("sha256:" + Signers.sha256Hex(pem));
    if (certificate) {
      expected.add("signer@example.com");
      expected.add("https://example.com/workflow");
    }
    expected.add("sha256:" + Signers.sha256Hex(payload));
    expected.add("sha256:" + Signers.sha256Hex(envelope.getBytes(StandardCharsets.UTF_8)));
    expected.add("sha256:" + SUBJECT);
    expected.add("sha1:" + MATERIAL);
    assertThat(entry.searchKeys()).containsExactlyElementsOf(expected);
    assertThat(entry.kind()).isEqualTo("dsse");
    assertThat(entry.apiVersion()).isEqualTo("0.0.1");
  }

  @Test
  void sortsSignaturesByTextWhateverTheVerifierOrder() {
    byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
    String type = "text/plain";
    KeyPair a = Signers.keyPair(Kind.P256, "a");
    KeyPair b = Signers.keyPair(Kind.ED25519, "b");
    String sigA = Signers.dsseSignature(a, Kind.P256, type, payload);
    String sigB = Signers.dsseSignature(b, Kind.ED25519, type, payload);
    String envelope = Signers.envelopeJson(type, payload, List.of(sigA, sigB));
    JsonNode spec =
        CanonicalJson.parse(
            ("{\"proposedContent\":{\"envelope\":"
                    + CanonicalJson.mapper().writeValueAsString(envelope)
                    + ",\"verifiers\":[\""
                    + Signers.b64(Signers.publicKeyPem(b))
                    + "\",\""
                    + Signers.b64(Signers.publicKeyPem(a))
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));

    CanonicalEntry entry = KIND.canonicalize(spec, Purpose.APPEND);

    JsonNode signatures = CanonicalJson.parse(entry.body()).get("spec").get("signatures");
    assertThat(signatures).hasSize(2);
    String first = signatures.get(0).get("signature").stringValue();
    String second = signatures.get(1).get("signature").stringValue();
    assertThat(first.compareTo(second)).isNegative();
    assertThat(List.of(first, second)).containsExactlyInAnyOrder(sigA, sigB);
    // Not in-toto: only key, payload and envelope hashes.
    assertThat(entry.searchKeys()).hasSize(4);
  }
}
