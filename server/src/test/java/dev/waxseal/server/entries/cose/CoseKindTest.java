package dev.waxseal.server.entries.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** cose 0.0.1 against COSE_Sign1 messages built and signed in the test. */
class CoseKindTest {
  private static final byte[] PAYLOAD = "cose payload\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "extra".getBytes(StandardCharsets.UTF_8);
  private final CoseKind kind = new CoseKind(new X509PublicKeyCache(16), 100 * 1024);

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static ObjectNode spec(byte[] message, byte[] key, byte[] aad) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.put("message", b64(message)).put("publicKey", b64(key));
    ObjectNode data = spec.putObject("data");
    if (aad.length > 0) {
      data.put("aad", b64(aad));
    }
    return spec;
  }

  private static byte[] es256(KeyPair keys, byte[] payload, byte[] aad) {
    return CoseMessages.sign1(
        keys,
        "SHA256withPLAIN-ECDSA",
        CoseMessages.protectedHeader(CoseSignatures.ES256, "text/plain"),
        payload,
        aad);
  }

  @Test
  void storesKeyAndHashesForAnEs256Message() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] message = es256(keys, PAYLOAD, AAD);
    byte[] key = Signers.publicKeyPem(keys);

    CanonicalEntry entry = kind.canonicalize(spec(message, key, AAD), Purpose.APPEND);

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"cose\",\"spec\":{\"data\":{\"envelopeHash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + Signers.sha256Hex(message)
                + "\"},\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\""
                + Signers.sha256Hex(PAYLOAD)
                + "\"}},\"publicKey\":\""
                + b64(key)
                + "\"}}");
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(key),
            "sha256:" + Signers.sha256Hex(message),
            "sha256:" + Signers.sha256Hex(PAYLOAD));
    assertThat(entry.attestation()).hasValueSatisfying(a -> assertThat(a).isEqualTo(message));
  }

  @Test
  void verifiesPs256WithACertificateAndIndexesItsSubjects() {
    KeyPair keys = Signers.keyPair(Kind.RSA2048);
    byte[] message =
        CoseMessages.sign1(
            keys,
            "SHA256withRSAandMGF1",
            CoseMessages.protectedHeader(CoseSignatures.PS256, "text/plain"),
            PAYLOAD,
            new byte[0]);
    byte[] certificate = Signers.certificatePem(keys, Kind.RSA2048, "cose@example.com");

    CanonicalEntry entry =
        kind.canonicalize(spec(message, certificate, new byte[0]), Purpose.APPEND);

    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(certificate),
            "cose@example.com",
            "https://example.com/workflow",
            "sha256:" + Signers.sha256Hex(message),
            "sha256:" + Signers.sha256Hex(PAYLOAD));
  }

  @Test
  void indexesInTotoSubjects() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] statement = Signers.statement("ab".repeat(32), "cd".repeat(20));
    byte[] message =
        CoseMessages.sign1(
            keys,
            "SHA256withPLAIN-ECDSA",
            CoseMessages.protectedHeader(CoseSignatures.ES256, "application/vnd.in-toto+json"),
            statement,
            new byte[0]);

    CanonicalEntry entry =
        kind.canonicalize(spec(message, Signers.publicKeyPem(keys), new byte[0]), Purpose.APPEND);

    assertThat(entry.searchKeys()).contains("sha256:" + "ab".repeat(32));
    assertThat(entry.searchKeys()).doesNotContain("sha1:" + "cd".repeat(20));
  }

  @Test
  void rejectsWrongAadTamperedPayloadAndWrongAlgorithm() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] key = Signers.publicKeyPem(keys);
    byte[] message = es256(keys, PAYLOAD, AAD);
    assertRejected(spec(message, key, new byte[0]), Reason.INVALID_SIGNATURE, "verification error");

    byte[] tampered = message.clone();
    int at = indexOf(tampered, PAYLOAD);
    tampered[at] ^= 0x01;
    assertRejected(spec(tampered, key, AAD), Reason.INVALID_SIGNATURE, "verification error");

    byte[] ps256Header =
        CoseMessages.sign1(
            keys,
            "SHA256withPLAIN-ECDSA",
            CoseMessages.protectedHeader(CoseSignatures.PS256, "text/plain"),
            PAYLOAD,
            new byte[0]);
    assertRejected(
        spec(ps256Header, key, new byte[0]),
        Reason.INVALID_SIGNATURE,
        "algorithm mismatch: the message says -37, the key needs -7");
  }

  @Test
  void rejectsUnsupportedKeys() {
    KeyPair p384 = Signers.keyPair(Kind.P384);
    byte[] message = es256(p384, PAYLOAD, new byte[0]);
    assertRejected(
        spec(message, Signers.publicKeyPem(p384), new byte[0]),
        Reason.INVALID_PUBLIC_KEY,
        "unsupported elliptic curve: only P-256 (ES256) is accepted");
    KeyPair ed = Signers.keyPair(Kind.ED25519);
    assertRejected(
        spec(message, Signers.publicKeyPem(ed), new byte[0]),
        Reason.INVALID_PUBLIC_KEY,
        "unsupported algorithm type: COSE entries take RSA or ECDSA P-256 keys");
  }

  @Test
  void rejectsMalformedMessages() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] key = Signers.publicKeyPem(keys);
    byte[] message = es256(keys, PAYLOAD, new byte[0]);
    byte[] untagged = java.util.Arrays.copyOfRange(message, 1, message.length);
    assertRejected(
        spec(untagged, key, new byte[0]),
        Reason.MALFORMED_ENTRY,
        "cbor: invalid COSE_Sign1_Tagged object");
    byte[] trailing = java.util.Arrays.copyOf(message, message.length + 1);
    assertRejected(
        spec(trailing, key, new byte[0]),
        Reason.MALFORMED_ENTRY,
        "cbor: 1 bytes of extraneous data");
    JsonNode noMessage = CanonicalJson.mapper().createObjectNode().put("publicKey", b64(key));
    assertThatThrownBy(() -> kind.canonicalize(noMessage, Purpose.APPEND))
        .hasMessage("missing COSE Sign1 message");
    assertThatThrownBy(
            () -> kind.canonicalize(CanonicalJson.mapper().createObjectNode(), Purpose.APPEND))
        .hasMessage("publicKey in body is required");
  }

  @Test
  void rejectsDetachedPayloadsAndDuplicateHeaderLabels() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] key = Signers.publicKeyPem(keys);
    byte[] header = CoseMessages.protectedHeader(CoseSignatures.ES256, "text/plain");
    java.io.ByteArrayOutputStream detached = new java.io.ByteArrayOutputStream();
    detached.write(0xd2);
    CoseMessages.head(detached, 4, 4);
    CoseMessages.bytes(detached, header);
    CoseMessages.head(detached, 5, 0);
    detached.write(0xf6); // null: detached payload
    CoseMessages.bytes(detached, new byte[64]);
    assertRejected(
        spec(detached.toByteArray(), key, new byte[0]),
        Reason.INVALID_SIGNATURE,
        "missing payload: detached COSE payloads are not supported");

    java.io.ByteArrayOutputStream duplicate = new java.io.ByteArrayOutputStream();
    CoseMessages.head(duplicate, 5, 2);
    CoseMessages.integer(duplicate, 1);
    CoseMessages.integer(duplicate, CoseSignatures.ES256);
    CoseMessages.integer(duplicate, 1);
    CoseMessages.integer(duplicate, CoseSignatures.PS256);
    byte[] message =
        CoseMessages.sign1(
            keys, "SHA256withPLAIN-ECDSA", duplicate.toByteArray(), PAYLOAD, new byte[0]);
    assertRejected(
        spec(message, key, new byte[0]),
        Reason.MALFORMED_ENTRY,
        "cbor: protected header: cbor: found duplicate map key 1");
  }

  @Test
  void dropsTheAttestationAboveTheLimit() {
    KeyPair keys = Signers.keyPair(Kind.P256);
    byte[] message = es256(keys, PAYLOAD, new byte[0]);
    CoseKind small = new CoseKind(new X509PublicKeyCache(4), message.length - 1);

    CanonicalEntry entry =
        small.canonicalize(spec(message, Signers.publicKeyPem(keys), new byte[0]), Purpose.APPEND);

    assertThat(entry.attestation()).isEmpty();
    assertThat(entry.body())
        .isEqualTo(
            kind.canonicalize(
                    spec(message, Signers.publicKeyPem(keys), new byte[0]), Purpose.APPEND)
                .body());
  }

  private void assertRejected(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> kind.canonicalize(spec, Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidEntryException) e).reason())
        .isEqualTo(reason);
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
