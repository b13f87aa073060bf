package dev.waxseal.server.entries.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real public-good dsse 0.0.1 entries (two: every dsse body in the shared fixtures): the proposed
 * entry each client sent is rebuilt from its bundle (the envelope in that client's own JSON form,
 * whose SHA-256 is the stored {@code envelopeHash}), canonicalized, and must give the stored bytes,
 * the UUID and a leaf under the log's real inclusion proof.
 */
public class DsseRealEntriesTest {
  private static final DsseKind KIND =
      new DsseKind(new X509PublicKeyCache(16), DsseKind.DEFAULT_MAX_ENVELOPE_SIZE);

  /**
   * The envelope as the client serialized it: sigstore-conformance's client wrote {@code {payload,
   * payloadType, signatures:[{sig}]}}, sigstore-java {@code [{sig, keyid:""}]}.
   */
  static String envelope(JsonNode bundle, boolean keyIdAfterSig) {
    JsonNode dsse = bundle.get("dsseEnvelope");
    String sig = dsse.get("signatures").get(0).get("sig").stringValue();
    return "{\"payload\":\""
        + dsse.get("payload").stringValue()
        + "\",\"payloadType\":\""
        + dsse.get("payloadType").stringValue()
        + "\",\"signatures\":[{\"sig\":\""
        + sig
        + (keyIdAfterSig ? "\",\"keyid\":\"\"}]}" : "\"}]}");
  }

  public static JsonNode proposedSpec(String envelope, String verifierPem) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode content = nodes.objectNode().put("envelope", envelope);
    content.putArray("verifiers").add(Signers.b64(verifierPem.getBytes(StandardCharsets.US_ASCII)));
    ObjectNode spec = nodes.objectNode();
    spec.set("proposedContent", content);
    return spec;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "conformance-happy-path-intoto-in-dsse-v3.bundle.sigstore.json, false,"
        + " 875d33538d49eb9bc3224c4868c25d06f78f566730771c4437f50962530906ae",
    "sigstore-java-bundle.dsse.sigstore.json, true,"
        + " ebc597c469051df3729a4cdfe1d8c3ef0b1dcfeeea1d0ed19c5026f6a3cf2076"
  })
  void rebuildsTheStoredBodyByteForByte(String file, boolean keyIdAfterSig, String uuid)
      throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    byte[] stored = RealEntries.storedBody(bundle);
    String clientPem = RealEntries.rewrap(RealEntries.certificatePem(bundle));

    CanonicalEntry entry =
        KIND.canonicalize(proposedSpec(envelope(bundle, keyIdAfterSig), clientPem), Purpose.APPEND);

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(stored, StandardCharsets.UTF_8));
    assertThat(entry.uuid()).isEqualTo(uuid);
    assertThat(RealEntries.proofRoot(bundle, entry.leafHash()))
        .isEqualTo(RealEntries.claimedRoot(bundle));
    assertThat(entry.attestation()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "conformance-happy-path-intoto-in-dsse-v3.bundle.sigstore.json, false,"
        + " https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
        + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
    "sigstore-java-bundle.dsse.sigstore.json, true,"
        + " https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml"
        + "@refs/heads/main"
  })
  void searchKeysAreRekors(String file, boolean keyIdAfterSig, String subject) throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    JsonNode stored = CanonicalJson.parse(RealEntries.storedBody(bundle)).get("spec");
    byte[] pem = RealEntries.certificatePem(bundle);

    CanonicalEntry entry =
        KIND.canonicalize(
            proposedSpec(
                envelope(bundle, keyIdAfterSig), new String(pem, StandardCharsets.US_ASCII)),
            Purpose.APPEND);

    assertThat(entry.searchKeys())
        .containsExactly(
            "sha256:" + HexFormat.of().formatHex(Rfc6962.sha256(pem)),
            subject,
            "sha256:" + stored.get("payloadHash").get("value").stringValue(),
            "sha256:" + stored.get("envelopeHash").get("value").stringValue(),
            "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "conformance-happy-path-intoto-in-dsse-v3.bundle.sigstore.json",
    "sigstore-java-bundle.dsse.sigstore.json"
  })
  void searchWithTheStoredBodyFindsTheSameLeaf(String file) throws IOException {
    JsonNode bundle = RealEntries.bundle(file);
    byte[] stored = RealEntries.storedBody(bundle);
    JsonNode spec = CanonicalJson.parse(stored).get("spec");

    CanonicalEntry entry = KIND.canonicalize(spec, Purpose.SEARCH);

    assertThat(entry.body()).isEqualTo(stored);
    assertThat(List.of(entry.uuid())).containsExactly(Rfc6962.leafHash(stored).hex());
  }
}
