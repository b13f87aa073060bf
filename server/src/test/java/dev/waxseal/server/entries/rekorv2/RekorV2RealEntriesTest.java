package dev.waxseal.server.entries.rekorv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real Rekor v2 entries: the request a client sent is rebuilt from the stored body (digest and
 * signature as sent), and converting it must give the stored body byte for byte, whose leaf hash
 * the entry's inclusion proof proves.
 */
class RekorV2RealEntriesTest {
  private final RekorV2Entries entries = RekorV2Entries.withDefaults();

  /**
   * The canonical body in rekor-tiles' {@code CLIENTS.md} (v2.2.1 and v2.3.0): a public-key
   * verifier, logged by a local rekor-tiles, with the spec member's pre-release name.
   */
  private static final String CLIENTS_MD_BODY =
      "eyJhcGlWZXJzaW9uIjoiMC4wLjIiLCJraW5kIjoiaGFzaGVkcmVrb3JkIiwic3BlYyI6eyJoYXNoZWRSZWtvcmRWMF8w"
          + "XzIiOnsiZGF0YSI6eyJhbGdvcml0aG0iOiJTSEEyXzI1NiIsImRpZ2VzdCI6ImR5ajRlZG5ZSGpONC96c2pqQmVl"
          + "TGFoUzlzbHA5N1o2N0xUQVZ4anJqWHc9In0sInNpZ25hdHVyZSI6eyJjb250ZW50IjoiTUVRQ0lCK1lQYTlvM1NO"
          + "MHNRNHVkdUdmK21aeHdGZk9oRlowQ2d5K3A3VnQxbzJTQWlBUEZESHFPQUpMWW12dENXT3NEeU5ZMUg0VjN6bTRO"
          + "RURZczNOeXZIaDFQZz09IiwidmVyaWZpZXIiOnsia2V5RGV0YWlscyI6IlBLSVhfRUNEU0FfUDI1Nl9TSEFfMjU2"
          + "IiwicHVibGljS2V5Ijp7InJhd0J5dGVzIjoiTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFMnNs"
          + "T2Y4ZVpjajJtb1cydDRVRmo3dkNMNlFwRHprRHFxU1VtbTRPSkNWdklhdUtMeG0wYUdzM1ZNUFBmYXVNUGFNdXRu"
          + "MC9zM2pnMHJyb0Z4b2ljeWc9PSJ9fX19fX0=";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rekor2-happy-path.bundle.sigstore.json",
        "rekor2-dsse-happy-path.bundle.sigstore.json"
      })
  void rebuiltRequestCanonicalizesToTheStoredBodyByteForByte(String file) throws Exception {
    JsonNode tlogEntry = bundle(file).get("verificationMaterial").get("tlogEntries").get(0);
    byte[] stored = Base64.getDecoder().decode(tlogEntry.get("canonicalizedBody").stringValue());

    CanonicalEntry entry = entries.toLogEntry(requestFrom(stored, "hashedRekordV002"));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(stored, StandardCharsets.UTF_8));
    assertThat(entry.kind()).isEqualTo(tlogEntry.get("kindVersion").get("kind").stringValue());
    assertThat(entry.apiVersion())
        .isEqualTo(tlogEntry.get("kindVersion").get("version").stringValue());
    JsonNode proof = tlogEntry.get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof
        .get("hashes")
        .forEach(h -> hashes.add(Hash.of(Base64.getDecoder().decode(h.stringValue()))));
    ProofVerifier.verifyInclusion(
        new InclusionProof(
            Long.parseLong(proof.get("logIndex").stringValue()),
            Long.parseLong(proof.get("treeSize").stringValue()),
            hashes),
        entry.leafHash(),
        Hash.of(Base64.getDecoder().decode(proof.get("rootHash").stringValue())));
  }

  @Test
  void clientsMdPublicKeyEntryCanonicalizesByteForByte() {
    String old = new String(Base64.getDecoder().decode(CLIENTS_MD_BODY), StandardCharsets.UTF_8);
    String current = old.replace("\"hashedRekordV0_0_2\"", "\"hashedRekordV002\"");
    byte[] stored = current.getBytes(StandardCharsets.UTF_8);

    CanonicalEntry entry = entries.toLogEntry(requestFrom(stored, "hashedRekordV002"));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo(current);
  }

  /** {@code {"hashedRekordRequestV002":{"digest":…,"signature":…}}} from a stored body. */
  private static byte[] requestFrom(byte[] stored, String specField) {
    JsonNode spec = CanonicalJson.parse(stored).get("spec").get(specField);
    ObjectNode inner = CanonicalJson.mapper().createObjectNode();
    inner.set("digest", spec.get("data").get("digest"));
    inner.set("signature", spec.get("signature"));
    ObjectNode request = CanonicalJson.mapper().createObjectNode();
    request.set("hashedRekordRequestV002", inner);
    return CanonicalJson.mapper().writeValueAsBytes(request);
  }

  private static JsonNode bundle(String file) throws IOException {
    try (InputStream in =
        RekorV2RealEntriesTest.class.getResourceAsStream("/entries/rekor-v2/" + file)) {
      if (in == null) {
        throw new IOException("missing test resource " + file);
      }
      return CanonicalJson.parse(in.readAllBytes());
    }
  }
}
