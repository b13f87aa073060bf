package dev.waxseal.server.entries.intoto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real public-good intoto 0.0.2 entries (two: every intoto body in the shared fixtures), rebuilt
 * from their bundles: the bundle's DSSE envelope carries the payload the body drops, the body the
 * client's key bytes and envelope hash (both kept as sent).
 */
public class IntotoV002RealEntriesTest {
  private static final IntotoV002Kind KIND =
      new IntotoV002Kind(new X509PublicKeyCache(16), 1 << 20, 100 * 1024);

  /** What sigstore-js sent: payload and sig double base64, key and hash as stored. */
  public static JsonNode proposedSpec(JsonNode bundle) {
    JsonNode stored = CanonicalJson.parse(RealEntries.storedBody(bundle)).get("spec");
    JsonNode dsse = bundle.get("dsseEnvelope");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode signature =
        nodes
            .objectNode()
            .put("sig", b64(dsse.get("signatures").get(0).get("sig").stringValue()))
            .put(
                "publicKey",
                stored
                    .get("content")
                    .get("envelope")
                    .get("signatures")
                    .get(0)
                    .get("publicKey")
                    .stringValue());
    ObjectNode envelope =
        nodes
            .objectNode()
            .put("payload", b64(dsse.get("payload").stringValue()))
            .put("payloadType", dsse.get("payloadType").stringValue());
    envelope.putArray("signatures").add(signature);
    ObjectNode content = nodes.objectNode();
    content.set("envelope", envelope);
    content.set("hash", stored.get("content").get("hash"));
    ObjectNode spec = nodes.objectNode();
    spec.set("content", content);
    return spec;
  }

  private static String b64(String text) {
    return Signers.b64(text.getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sigstore-js-2.0.0-provenance.sigstore.json,"
        + " 83c4d5305de1248c4bc0f14c9fa50b20120bb04579f13a29151c2494d1d220cb",
    "bundle-v0.1-set-only-provenance.json,"
        + " 2074cd21a9282ea75d7dea9b7f4ed9e1a5b5c4bfbe163ee67878cc411cb25cba"
  })
  void rebuildsTheStoredBodyByteForByte(String file, String uuid) throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    byte[] stored = RealEntries.storedBody(bundle);

    CanonicalEntry entry = KIND.canonicalize(proposedSpec(bundle), Purpose.APPEND);

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(stored, StandardCharsets.UTF_8));
    assertThat(entry.uuid()).isEqualTo(uuid);
    if (RealEntries.hasProof(bundle)) {
      assertThat(RealEntries.proofRoot(bundle, entry.leafHash()))
          .isEqualTo(RealEntries.claimedRoot(bundle));
    }
    byte[] payload =
        Base64.getDecoder().decode(bundle.get("dsseEnvelope").get("payload").stringValue());
    assertThat(entry.attestation()).hasValueSatisfying(a -> assertThat(a).isEqualTo(payload));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sigstore-js-2.0.0-provenance.sigstore.json, pkg:npm/sigstore@2.0.0,"
        + " 46d4e2f74c4877316640000a6fdf8a8b59f1e0847667973e9859f774dd31b8f1e0937813b777fb66a2ac"
        + "67d50540fe34640966eee9fc2ccca387082b4c85cd3c",
    "bundle-v0.1-set-only-provenance.json, pkg:npm/sigstore@1.3.0,"
        + " 76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe28"
        + "60030f410eee69ea20079bd3a2c6f3dcf3b329b10751"
  })
  void searchKeysAreRekors(String file, String name, String sha512) throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    JsonNode stored = CanonicalJson.parse(RealEntries.storedBody(bundle)).get("spec");
    byte[] pem = RealEntries.certificatePem(bundle);

    CanonicalEntry entry = KIND.canonicalize(proposedSpec(bundle), Purpose.APPEND);

    assertThat(entry.searchKeys().get(0))
        .isEqualTo("sha256:" + HexFormat.of().formatHex(Rfc6962.sha256(pem)));
    assertThat(entry.searchKeys())
        .contains(
            "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main",
            "sha256:" + stored.get("content").get("payloadHash").get("value").stringValue(),
            "sha512:" + sha512)
        .doesNotContain("sha256:" + stored.get("content").get("hash").get("value").stringValue());
    assertThat(name).startsWith("pkg:npm/sigstore@");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sigstore-js-2.0.0-provenance.sigstore.json", "bundle-v0.1-set-only-provenance.json"})
  void searchWithTheStoredBodyFindsTheSameLeaf(String file) throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    byte[] stored = RealEntries.storedBody(bundle);

    CanonicalEntry entry =
        KIND.canonicalize(CanonicalJson.parse(stored).get("spec"), Purpose.SEARCH);

    assertThat(entry.body()).isEqualTo(stored);
    assertThat(entry.attestation()).isEmpty();
  }
}
