package dev.waxseal.server.entries.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** dsse 0.0.1 entries the log must refuse, each with the message a client can act on. */
class DsseRejectionsTest {
  private static final DsseKind KIND = new DsseKind(new X509PublicKeyCache(64), 4096);
  private static final String TYPE = "text/plain";
  private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair KEYS = Signers.keyPair(Kind.P256);
  private static final String SIG = Signers.dsseSignature(KEYS, Kind.P256, TYPE, PAYLOAD);
  private static final String ENVELOPE = Signers.envelopeJson(TYPE, PAYLOAD, List.of(SIG));
  private static final String PEM =
      new String(Signers.publicKeyPem(KEYS), StandardCharsets.US_ASCII);

  private static void assertInvalid(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> KIND.canonicalize(spec, Purpose.APPEND))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  private static JsonNode json(String text) {
    return CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheBaseline() {
    assertThat(KIND.canonicalize(DsseRealEntriesTest.proposedSpec(ENVELOPE, PEM), Purpose.APPEND))
        .isNotNull();
  }

  @Test
  void rejectsATamperedPayload() {
    String tampered =
        Signers.envelopeJson(TYPE, "payloaD".getBytes(StandardCharsets.UTF_8), List.of(SIG));
    assertInvalid(
        DsseRealEntriesTest.proposedSpec(tampered, PEM),
        Reason.INVALID_SIGNATURE,
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1: verifier 0 verifies no signature of the envelope");
  }

  @Test
  void rejectsAVerifierThatMatchesNoSignature() {
    JsonNode spec =
        json(
            "{\"proposedContent\":{\"envelope\":"
                + CanonicalJson.mapper().writeValueAsString(ENVELOPE)
                + ",\"verifiers\":[\""
                + Signers.b64(Signers.publicKeyPem(KEYS))
                + "\",\""
                + Signers.b64(Signers.publicKeyPem(Signers.keyPair(Kind.ED25519)))
                + "\"]}}");
    assertInvalid(
        spec,
        Reason.INVALID_SIGNATURE,
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1: verifier 1 verifies no signature of the envelope");
  }

  @Test
  void rejectsASignatureNoVerifierVerifies() {
    KeyPair other = Signers.keyPair(Kind.RSA2048);
    String two =
        Signers.envelopeJson(
            TYPE, PAYLOAD, List.of(SIG, Signers.dsseSignature(other, Kind.RSA2048, TYPE, PAYLOAD)));
    assertInvalid(
        DsseRealEntriesTest.proposedSpec(two, PEM),
        Reason.INVALID_SIGNATURE,
        "all signatures must have a key that verifies it: 1 of 2 signatures are verified by none"
            + " of the keys sent");
  }

  @Test
  void verifiesEcdsaP384OverSha256AsSigstoreDoes() {
    KeyPair p384 = Signers.keyPair(Kind.P384);
    // Signed with SHA-384: Rekor's verifier hashes with SHA-256 whatever the curve, so it fails.
    byte[] sig;
    try {
      var signer = java.security.Signature.getInstance("SHA384withECDSA", Signers.BC);
      signer.initSign(p384.getPrivate());
      signer.update(dev.waxseal.server.entries.pki.DsseEnvelope.pae(TYPE, PAYLOAD));
      sig = signer.sign();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String envelope = Signers.envelopeJson(TYPE, PAYLOAD, List.of(Signers.b64(sig)));
    assertThatThrownBy(
            () ->
                KIND.canonicalize(
                    DsseRealEntriesTest.proposedSpec(
                        envelope,
                        new String(Signers.publicKeyPem(p384), StandardCharsets.US_ASCII)),
                    Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageContaining("verifies no signature");
  }

  @Test
  void rejectsServerComputedFields() {
    assertInvalid(
        json(
            "{\"proposedContent\":{\"envelope\":\"{}\",\"verifiers\":[\"AA==\"]},"
                + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"}}"),
        Reason.MALFORMED_ENTRY,
        "either proposedContent or envelopeHash, payloadHash, and signatures must be present but"
            + " not both: envelopeHash, payloadHash and signatures are computed by the server, do"
            + " not send them");
  }

  @Test
  void rejectsAStoredBodyOnAppend() {
    assertInvalid(
        json(
            "{\"envelopeHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"},"
                + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"},"
                + "\"signatures\":[{\"signature\":\"AAAA\",\"verifier\":\"AAAA\"}]}"),
        Reason.MALFORMED_ENTRY,
        "entry not insertable into log: missing proposed content: send spec.proposedContent"
            + " {envelope, verifiers}");
  }

  @Test
  void rejectsMissingFields() {
    assertInvalid(
        json("{}"),
        Reason.MALFORMED_ENTRY,
        "either proposedContent or envelopeHash, payloadHash, and signatures must be present");
    assertInvalid(
        json("{\"proposedContent\":{\"verifiers\":[\"AA==\"]}}"),
        Reason.MALFORMED_ENTRY,
        "proposedContent.envelope in body is required");
    assertInvalid(
        json("{\"proposedContent\":{\"envelope\":\"{}\"}}"),
        Reason.MALFORMED_ENTRY,
        "proposedContent.verifiers in body is required");
    assertInvalid(
        json("{\"proposedContent\":{\"envelope\":\"{}\",\"verifiers\":[]}}"),
        Reason.MALFORMED_ENTRY,
        "proposedContent.verifiers in body should have at least 1 items");
    assertInvalid(
        json("{\"proposedContent\":{\"envelope\":\"\",\"verifiers\":[\"AA==\"]}}"),
        Reason.MALFORMED_ENTRY,
        "entry not insertable into log: missing proposed DSSE envelope");
  }

  @Test
  void rejectsBadEnvelopesAndVerifiers() {
    assertInvalid(
        DsseRealEntriesTest.proposedSpec("{not json", PEM),
        Reason.MALFORMED_ENTRY,
        "the DSSE envelope is not valid JSON");
    assertInvalid(
        DsseRealEntriesTest.proposedSpec("{\"payloadType\":\"t\",\"payload\":\"\"}", PEM),
        Reason.MALFORMED_ENTRY,
        "could not verify envelope: no signature found in the DSSE envelope");
    assertInvalid(
        DsseRealEntriesTest.proposedSpec(ENVELOPE, "not a key"),
        Reason.INVALID_PUBLIC_KEY,
        "could not parse public key as x509: invalid public key: failure decoding PEM (verifier"
            + " 0)");
    assertInvalid(
        json("{\"proposedContent\":{\"envelope\":\"{}\",\"verifiers\":[\"A\"]}}"),
        Reason.MALFORMED_ENTRY,
        "failed parsing base64 data: proposedContent.verifiers.0 must be the standard base64 of a"
            + " PEM public key or certificate");
  }

  @Test
  void rejectsAnOversizedEnvelope() {
    String big = Signers.envelopeJson(TYPE, new byte[4096], List.of(SIG));
    assertInvalid(
        DsseRealEntriesTest.proposedSpec(big, PEM),
        Reason.MALFORMED_ENTRY,
        "the DSSE envelope is " + big.length() + " bytes, more than this server's limit of 4096");
  }
}
