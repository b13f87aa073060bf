package dev.waxseal.server.entries.intoto;

import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.TestChains;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * intoto 0.0.1 and 0.0.2 with a certificate chain as the key: Rekor verifies with the leaf's key
 * ({@code CryptoPubKey()}) without checking the chain, and indexes the canonical chain's hash and
 * the leaf's subjects.
 */
class IntotoChainTest {
  private static final IntotoV001Kind V001 =
      new IntotoV001Kind(new X509PublicKeyCache(64), 1 << 20, 100 * 1024);
  private static final IntotoV002Kind V002 =
      new IntotoV002Kind(new X509PublicKeyCache(64), 1 << 20, 100 * 1024);
  private static final byte[] PAYLOAD =
      Signers.statement(IntotoV001KindTest.SUBJECT, IntotoV001KindTest.MATERIAL);

  private static String envelope(String type) {
    String sig =
        Signers.b64(
            TestChains.sign(type, DsseEnvelope.pae(InTotoStatements.PAYLOAD_TYPE, PAYLOAD)));
    return IntotoV001KindTest.envelope(PAYLOAD, List.of(sig), List.of(""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ec, chain-ec@waxseal.test, 39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
    "rsa, chain-rsa@waxseal.test, 723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3"
  })
  void v001AcceptsAChainAndIndexesTheLeaf(String type, String email, String chainSha256) {
    String envelope = envelope(type);

    CanonicalEntry entry =
        V001.canonicalize(
            IntotoV001KindTest.spec(envelope, TestChains.fullChain(type)), Purpose.APPEND);

    assertThat(CanonicalJson.parse(entry.body()).get("spec").get("publicKey").stringValue())
        .isEqualTo(Signers.b64(TestChains.fullChain(type)));
    assertThat(entry.searchKeys())
        .containsExactly(
            "sha256:" + sha256Hex(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "sha256:" + chainSha256,
            email,
            "sha256:" + sha256Hex(PAYLOAD),
            "sha256:" + IntotoV001KindTest.SUBJECT,
            "sha1:" + IntotoV001KindTest.MATERIAL);
  }

  @Test
  void v001RefusesAChainWhoseFirstCertificateIsNotTheSigner() {
    assertThatThrownBy(
            () ->
                V001.canonicalize(
                    IntotoV001KindTest.spec(
                        envelope("ec"), TestChains.pem("ec", "intermediate", "root")),
                    Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage(
            "accepted signatures do not match threshold, Found: 0, Expected 1: publicKey verifies"
                + " no signature of the envelope");
  }

  /** The real public-good intoto 0.0.2 entry, its certificate replaced by the whole chain. */
  private static JsonNode publicGoodWithChain(byte[] chain) {
    JsonNode spec = IntotoV002RealEntriesTest.proposedSpec(TestChains.publicGoodBundle());
    ObjectNode signature =
        (ObjectNode) spec.get("content").get("envelope").get("signatures").get(0);
    signature.put("publicKey", Signers.b64(chain));
    return spec;
  }

  @Test
  void v002AcceptsThePublicGoodEntryWithItsFullChain() {
    CanonicalEntry entry =
        V002.canonicalize(publicGoodWithChain(TestChains.publicGoodChain()), Purpose.APPEND);

    JsonNode stored =
        CanonicalJson.parse(entry.body())
            .get("spec")
            .get("content")
            .get("envelope")
            .get("signatures")
            .get(0)
            .get("publicKey");
    // intoto 0.0.2 keeps the key as sent: here the whole chain.
    assertThat(stored.stringValue()).isEqualTo(Signers.b64(TestChains.publicGoodChain()));
    assertThat(entry.searchKeys())
        .startsWith(
            "sha256:89b22f632d34541cca61066ad2562beaa48c6379a5b8612b2d063d4cebe37007",
            TestChains.PUBLIC_GOOD_SUBJECT);
  }

  @Test
  void v002RefusesMoreThanTenCertificates() {
    ByteArrayOutputStream eleven = new ByteArrayOutputStream();
    for (int i = 0; i < 11; i++) {
      eleven.writeBytes(TestChains.publicGoodChain());
    }
    assertThatThrownBy(
            () -> V002.canonicalize(publicGoodWithChain(eleven.toByteArray()), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageContaining("too many certificates specified in PEM block");
  }
}
