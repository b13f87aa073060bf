package dev.waxseal.server.entries.rekorv2;

import static dev.waxseal.server.entries.rekorv2.Requests.dsse;
import static dev.waxseal.server.entries.rekorv2.Requests.envelope;
import static dev.waxseal.server.entries.rekorv2.Requests.envelopeSignature;
import static dev.waxseal.server.entries.rekorv2.Requests.publicKeyVerifier;
import static dev.waxseal.server.entries.rekorv2.V2Signers.b64;
import static dev.waxseal.server.entries.rekorv2.V2Signers.digest;
import static dev.waxseal.server.entries.rekorv2.V2Signers.sign;
import static dev.waxseal.server.entries.rekorv2.V2Signers.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.rekorv2.V2Signers.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dsse 0.0.2 as rekor-tiles v2.2 took it: verification rules, canonical body, rejections. */
class DsseV002Test {
  private static final String TYPE = "application/vnd.in-toto+json";
  private static final byte[] PAYLOAD =
      "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PAE = DsseEnvelope.pae(TYPE, PAYLOAD);
  private static final String P256 = publicKeyVerifier(spki(Key.P256), "PKIX_ECDSA_P256_SHA_256");

  private final RekorV2Entries entries = RekorV2Entries.withDefaults();

  private static String verifierJson(Key key, String details) {
    return "{\"keyDetails\":\""
        + details
        + "\",\"publicKey\":{\"rawBytes\":\""
        + b64(spki(key))
        + "\"}}";
  }

  private static String storedSignature(byte[] sig, Key key, String details) {
    return "{\"content\":\"" + b64(sig) + "\",\"verifier\":" + verifierJson(key, details) + "}";
  }

  private static String body(List<String> storedSignatures) {
    return "{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":{\"payloadHash\":"
        + "{\"algorithm\":\"SHA2_256\",\"digest\":\""
        + b64(digest("SHA-256", PAYLOAD))
        + "\"},\"signatures\":["
        + String.join(",", storedSignatures)
        + "]}}}";
  }

  @Test
  void acceptsOneSignatureAndWritesTheCanonicalBody() {
    byte[] sig = sign(Key.P256, "SHA-256", PAE);

    CanonicalEntry entry =
        entries.toLogEntry(
            dsse(envelope(TYPE, PAYLOAD, List.of(envelopeSignature(sig, ""))), List.of(P256)));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(body(List.of(storedSignature(sig, Key.P256, "PKIX_ECDSA_P256_SHA_256"))));
    assertThat(entry.kind()).isEqualTo("dsse");
    assertThat(entry.apiVersion()).isEqualTo("0.0.2");
  }

  @Test
  void storesSignaturesSortedByRawBytesWithTheVerifierOfEach() {
    byte[] ecdsa = sign(Key.P384, "SHA-384", PAE); // P-384 signs the PAE with SHA-384
    byte[] ed25519 = sign(Key.ED25519, "", PAE); // pure Ed25519 over the PAE
    String ecdsaStored = storedSignature(ecdsa, Key.P384, "PKIX_ECDSA_P384_SHA_384");
    String edStored = storedSignature(ed25519, Key.ED25519, "PKIX_ED25519");
    List<String> expected = new ArrayList<>(List.of(ecdsaStored, edStored));
    if (Arrays.compareUnsigned(ecdsa, ed25519) > 0) {
      Collections.reverse(expected);
    }

    CanonicalEntry entry =
        entries.toLogEntry(
            dsse(
                envelope(
                    TYPE,
                    PAYLOAD,
                    List.of(envelopeSignature(ed25519, "k1"), envelopeSignature(ecdsa, "k2"))),
                List.of(
                    verifierJson(Key.P384, "PKIX_ECDSA_P384_SHA_384"),
                    verifierJson(Key.ED25519, "PKIX_ED25519"))));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo(body(expected));
  }

  @Test
  void ed25519WithPrehashDetailsVerifiesPureAsRekorTiles() {
    // sigstore's LoadVerifier gives an Ed25519 key a pure verifier whatever the hash.
    byte[] sig = sign(Key.ED25519, "", PAE);

    CanonicalEntry entry =
        entries.toLogEntry(
            dsse(
                envelope(TYPE, PAYLOAD, List.of(envelopeSignature(sig, ""))),
                List.of(verifierJson(Key.ED25519, "PKIX_ED25519_PH"))));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(body(List.of(storedSignature(sig, Key.ED25519, "PKIX_ED25519_PH"))));
  }

  @Test
  void aRepeatedSignatureIsStoredOnce() {
    byte[] sig = sign(Key.P256, "SHA-256", PAE);
    String s = envelopeSignature(sig, "");

    CanonicalEntry entry =
        entries.toLogEntry(dsse(envelope(TYPE, PAYLOAD, List.of(s, s)), List.of(P256)));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(body(List.of(storedSignature(sig, Key.P256, "PKIX_ECDSA_P256_SHA_256"))));
  }

  static Stream<Arguments> rejections() {
    byte[] sig = sign(Key.P256, "SHA-256", PAE);
    String goodSig = envelopeSignature(sig, "");
    String goodEnvelope = envelope(TYPE, PAYLOAD, List.of(goodSig));
    return Stream.of(
        Arguments.of(
            "no envelope",
            Requests.utf8("{\"dsseRequestV002\":{\"verifiers\":[" + P256 + "]}}"),
            "missing envelope"),
        Arguments.of("no verifiers", dsse(goodEnvelope, List.of()), "missing verifiers"),
        Arguments.of(
            "eleven verifiers",
            dsse(goodEnvelope, Collections.nCopies(11, P256)),
            "too many verifiers: 11, max allowed: 10"),
        Arguments.of(
            "verifier without key",
            dsse(goodEnvelope, List.of("{\"keyDetails\":5}")),
            "invalid verifier: missing signature public key or X.509 certificate"),
        Arguments.of(
            "envelope without signatures",
            dsse(envelope(TYPE, PAYLOAD, List.of()), List.of(P256)),
            "envelope missing signatures"),
        Arguments.of(
            "eleven signatures",
            dsse(envelope(TYPE, PAYLOAD, Collections.nCopies(11, goodSig)), List.of(P256)),
            "too many signatures: 11, max allowed: 10"),
        Arguments.of(
            "empty signature",
            dsse(envelope(TYPE, PAYLOAD, List.of(goodSig, "{\"keyid\":\"x\"}")), List.of(P256)),
            "envelope signature empty"),
        Arguments.of(
            "verifier that does not parse",
            dsse(
                goodEnvelope,
                List.of(publicKeyVerifier("junk".getBytes(), "PKIX_ECDSA_P256_SHA_256"))),
            "parsing public key: "),
        Arguments.of(
            "keyDetails outside the registry",
            dsse(goodEnvelope, List.of(publicKeyVerifier(spki(Key.P256), "PKIX_RSA_PKCS1V5"))),
            "getting key algorithm details: could not find algorithm details for known signature"
                + " algorithm: PKIX_RSA_PKCS1V5"),
        Arguments.of(
            "key not allowed with the details' hash",
            dsse(goodEnvelope, List.of(publicKeyVerifier(spki(Key.P256), "PKIX_ED25519"))),
            "unsupported entry algorithm for key details PKIX_ED25519"),
        Arguments.of(
            "verifier that verifies no signature",
            dsse(
                envelope(
                    TYPE,
                    PAYLOAD,
                    List.of(envelopeSignature(sign(Key.OTHER_P256, "SHA-256", PAE), ""))),
                List.of(P256)),
            "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
                + " Expected 1"),
        Arguments.of(
            "signature over another payload type",
            dsse(envelope("text/plain", PAYLOAD, List.of(goodSig)), List.of(P256)),
            "could not verify envelope: accepted signatures do not match threshold"),
        Arguments.of(
            "signature no verifier verifies",
            dsse(
                envelope(
                    TYPE,
                    PAYLOAD,
                    List.of(goodSig, envelopeSignature(sign(Key.OTHER_P256, "SHA-256", PAE), ""))),
                List.of(P256)),
            "all signatures must have a key that verifies it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectsWithRekorTilesAnswer(String rule, byte[] request, String detail) {
    RekorV2Exception e =
        catchThrowableOfType(RekorV2Exception.class, () -> entries.toLogEntry(request));

    assertThat(e).as(rule).isNotNull();
    assertThat(e.status().httpStatus()).isEqualTo(400);
    assertThat(new String(e.status().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":3,\"message\":\"invalid dsse request\",\"details\":[]}");
    assertThat(e.detail()).startsWith(detail);
  }

  @Test
  void withoutDsseRefusesItAsRekorTilesV23() {
    RekorV2Entries v23 =
        new RekorV2Entries(
            dev.waxseal.server.entries.pki.ClientSigningAlgorithm.REKOR_DEFAULT,
            false,
            RekorV2Entries.DEFAULT_MAX_REQUEST_BODY_SIZE);
    byte[] request =
        dsse(
            envelope(TYPE, PAYLOAD, List.of(envelopeSignature(sign(Key.P256, "SHA-256", PAE), ""))),
            List.of(P256));

    RekorV2Exception e =
        catchThrowableOfType(RekorV2Exception.class, () -> v23.toLogEntry(request));

    assertThat(new String(e.status().body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"code\":3,\"message\":\"invalid type, must be hashedrekord\",\"details\":[]}");
  }
}
