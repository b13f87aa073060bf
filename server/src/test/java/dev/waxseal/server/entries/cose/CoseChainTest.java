package dev.waxseal.server.entries.cose;

import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.TestChains;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * cose 0.0.1 with a certificate chain as key: Rekor verifies the COSE_Sign1 message with the leaf's
 * key ({@code CryptoPubKey()}), stores the canonical chain and indexes its hash and the leaf's
 * subjects; it does not check the chain.
 */
class CoseChainTest {
  private static final byte[] PAYLOAD = "cose chain payload\n".getBytes(StandardCharsets.UTF_8);
  private final CoseKind kind = new CoseKind(new X509PublicKeyCache(16), 100 * 1024);

  private static ObjectNode spec(byte[] message, byte[] key) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.put("message", Base64.getEncoder().encodeToString(message))
        .put("publicKey", Base64.getEncoder().encodeToString(key));
    spec.putObject("data");
    return spec;
  }

  private static byte[] es256ByTheEcLeaf(byte[] payload) {
    return CoseMessages.sign1(
        new KeyPair(null, TestChains.leafKey("ec")),
        "SHA256withPLAIN-ECDSA",
        CoseMessages.protectedHeader(CoseSignatures.ES256, "text/plain"),
        payload,
        new byte[0]);
  }

  @Test
  void acceptsAChainStoresItAndIndexesTheLeaf() {
    byte[] chain = TestChains.fullChain("ec");
    byte[] message = es256ByTheEcLeaf(PAYLOAD);

    CanonicalEntry entry = kind.canonicalize(spec(message, chain), Purpose.APPEND);

    assertThat(CanonicalJson.parse(entry.body()).get("spec").get("publicKey").stringValue())
        .isEqualTo(Base64.getEncoder().encodeToString(chain));
    assertThat(entry.searchKeys())
        .containsExactly(
            "39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
            TestChains.EC_EMAIL,
            "sha256:" + sha256Hex(message),
            "sha256:" + sha256Hex(PAYLOAD));
  }

  @Test
  void refusesATamperedMessageAndAChainWhoseFirstCertificateIsNotTheSigner() {
    byte[] message = es256ByTheEcLeaf(PAYLOAD);
    assertThatThrownBy(
            () ->
                kind.canonicalize(
                    spec(TestChains.tampered(message), TestChains.fullChain("ec")), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("verification error");
    assertThatThrownBy(
            () ->
                kind.canonicalize(
                    spec(message, TestChains.pem("ec", "intermediate", "root")), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("verification error");
  }
}
