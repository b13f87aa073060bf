package dev.waxseal.server.entries.dsse;

import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.TestChains;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * dsse 0.0.1 with a certificate chain as verifier. Rekor verifies the envelope with the leaf's key
 * alone ({@code signature.LoadVerifier(key.CryptoPubKey(), …)} in {@code verifyEnvelope}): unlike
 * hashedrekord and rekord it never checks the chain, so a chain Go would not verify is accepted.
 */
class DsseChainTest {
  private static final DsseKind KIND =
      new DsseKind(new X509PublicKeyCache(64), DsseKind.DEFAULT_MAX_ENVELOPE_SIZE);
  private static final byte[] PAYLOAD =
      Signers.statement(DsseKindTest.SUBJECT, DsseKindTest.MATERIAL);

  private static String envelope(String type, byte[] payload) {
    String sig =
        Signers.b64(
            TestChains.sign(type, DsseEnvelope.pae(InTotoStatements.PAYLOAD_TYPE, payload)));
    return Signers.envelopeJson(InTotoStatements.PAYLOAD_TYPE, payload, List.of(sig));
  }

  private static CanonicalEntry canonicalize(String envelope, byte[] chain) {
    return KIND.canonicalize(
        DsseRealEntriesTest.proposedSpec(envelope, new String(chain, StandardCharsets.US_ASCII)),
        Purpose.APPEND);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ec, chain-ec@waxseal.test, 39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
    "rsa, chain-rsa@waxseal.test, 723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3"
  })
  void acceptsAChainAndIndexesTheLeaf(String type, String email, String chainSha256) {
    String envelope = envelope(type, PAYLOAD);

    CanonicalEntry entry = canonicalize(envelope, TestChains.fullChain(type));

    JsonNode verifier =
        CanonicalJson.parse(entry.body()).get("spec").get("signatures").get(0).get("verifier");
    assertThat(verifier.stringValue()).isEqualTo(Signers.b64(TestChains.fullChain(type)));
    assertThat(entry.searchKeys())
        .containsExactly(
            "sha256:" + chainSha256,
            email,
            "sha256:" + sha256Hex(PAYLOAD),
            "sha256:" + sha256Hex(envelope.getBytes(StandardCharsets.UTF_8)),
            "sha256:" + DsseKindTest.SUBJECT,
            "sha1:" + DsseKindTest.MATERIAL);
  }

  @Test
  void acceptsThePublicGoodFulcioChainWithItsRealEnvelope() {
    JsonNode bundle = TestChains.publicGoodBundle();
    String envelope = CanonicalJson.mapper().writeValueAsString(bundle.get("dsseEnvelope"));

    CanonicalEntry entry = canonicalize(envelope, TestChains.publicGoodChain());

    assertThat(entry.searchKeys())
        .startsWith(
            "sha256:89b22f632d34541cca61066ad2562beaa48c6379a5b8612b2d063d4cebe37007",
            TestChains.PUBLIC_GOOD_SUBJECT);
  }

  @Test
  void acceptsAChainRekorWouldNotVerifyBecauseDsseNeverChecksIt() {
    // leaf, root: no path (the intermediate is missing), yet the leaf signed.
    CanonicalEntry entry =
        canonicalize(envelope("ec", PAYLOAD), TestChains.pem("ec", "leaf", "root"));

    assertThat(entry.searchKeys())
        .startsWith(
            "sha256:c7684b538525425612778005a5c83821504503254d7b715d815473431d1966fc",
            TestChains.EC_EMAIL);
  }

  @Test
  void refusesATamperedSignatureAndAChainWhoseFirstCertificateIsNotTheSigner() {
    String good = envelope("ec", PAYLOAD);
    String tampered =
        Signers.envelopeJson(
            InTotoStatements.PAYLOAD_TYPE,
            PAYLOAD,
            List.of(
                Signers.b64(
                    TestChains.tampered(
                        TestChains.sign(
                            "ec", DsseEnvelope.pae(InTotoStatements.PAYLOAD_TYPE, PAYLOAD))))));
    String unverified =
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1: verifier 0 verifies no signature of the envelope";
    assertThatThrownBy(() -> canonicalize(tampered, TestChains.fullChain("ec")))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage(unverified);
    assertThatThrownBy(
            () -> canonicalize(good, TestChains.pem("ec", "root", "intermediate", "leaf")))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
        .hasMessage(unverified);
  }

  @Test
  void refusesMoreThanTenCertificates() {
    ByteArrayOutputStream eleven = new ByteArrayOutputStream();
    for (int i = 0; i < 11; i++) {
      eleven.writeBytes(TestChains.pem("ec", "leaf"));
    }
    assertThatThrownBy(() -> canonicalize(envelope("ec", PAYLOAD), eleven.toByteArray()))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PUBLIC_KEY))
        .hasMessage(
            "could not parse public key as x509: too many certificates specified in PEM block"
                + " (verifier 0)");
  }
}
