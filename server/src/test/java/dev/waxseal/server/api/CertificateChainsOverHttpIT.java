package dev.waxseal.server.api;

import static dev.waxseal.server.entries.pki.TestChains.MESSAGE;
import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.DsseRealEntriesTest;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.intoto.IntotoV002RealEntriesTest;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.TestChains;
import dev.waxseal.server.entries.rekord.Rekords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entries whose key is a certificate chain (leaf, intermediate, root), over real HTTP: created
 * (201, proof and checkpoint verified), found by the leaf's email or subject and by the chain as a
 * {@code publicKey} search (Rekor hashes the whole canonical chain), and a copy with one signature
 * bit flipped refused with 400 and the tree unchanged.
 */
class CertificateChainsOverHttpIT extends ApiIntegrationTest {
  private static final String HASHEDREKORD =
      "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
          + "{\"algorithm\":\"sha256\",\"value\":\"%s\"}},\"signature\":{\"content\":\"%s\","
          + "\"publicKey\":{\"content\":\"%s\"}}}}";

  private static String hashedrekord(byte[] signature, byte[] chain, byte[] artifact) {
    return String.format(
        HASHEDREKORD, sha256Hex(artifact), Signers.b64(signature), Signers.b64(chain));
  }

  private static String keyQuery(byte[] chain) {
    return "{\"publicKey\":{\"format\":\"x509\",\"content\":\"" + Signers.b64(chain) + "\"}}";
  }

  private List<String> search(String query) {
    ApiClient.Response response = client.post("/api/v1/index/retrieve", query);
    assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode id : response.json().values()) {
      ids.add(id.stringValue());
    }
    return ids;
  }

  /** POSTs {@code request}: 201 with a verified proof; returns the entry id. */
  private String create(String request) throws Exception {
    ApiClient.Response response = client.post("/api/v1/log/entries", request);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    verifyLogEntry(response);
    return response.entryId();
  }

  /** POSTs {@code tampered}: 400 with Rekor's message, nothing logged. */
  private void assertRefused(String tampered, String message) {
    long size = client.treeSize();

    ApiClient.Response refused = client.post("/api/v1/log/entries", tampered);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body())
        .isEqualTo(
            "{\"code\":400,\"message\":"
                + CanonicalJson.mapper().writeValueAsString("error processing entry: " + message)
                + "}");
    assertThat(client.treeSize()).isEqualTo(size);
  }

  @Test
  void hashedrekordSignedByAnEcChainLeaf() throws Exception {
    byte[] chain = TestChains.fullChain("ec");
    byte[] signature = TestChains.sign("ec", MESSAGE);

    String id = create(hashedrekord(signature, chain, MESSAGE));

    assertThat(search("{\"email\":\"" + TestChains.EC_EMAIL + "\"}")).contains(id);
    assertThat(search(keyQuery(chain))).contains(id);
    // The leaf alone is another key: Rekor indexes the chain's canonical form, not the leaf's.
    assertThat(search(keyQuery(TestChains.pem("ec", "leaf")))).doesNotContain(id);
    assertRefused(
        hashedrekord(TestChains.tampered(signature), chain, MESSAGE),
        "verifying signature: invalid signature when validating ASN.1 encoded signature");
  }

  @Test
  void hashedrekordSignedByAnRsaChainLeafAndAChainThatDoesNotVerify() throws Exception {
    byte[] chain = TestChains.fullChain("rsa");
    byte[] signature = TestChains.sign("rsa", MESSAGE);

    String id = create(hashedrekord(signature, chain, MESSAGE));

    assertThat(search("{\"email\":\"" + TestChains.RSA_EMAIL + "\"}")).contains(id);
    assertThat(search(keyQuery(chain))).contains(id);
    assertRefused(
        hashedrekord(TestChains.tampered(signature), chain, MESSAGE),
        "verifying signature: crypto/rsa: verification error");
    assertRefused(
        hashedrekord(signature, TestChains.pem("rsa", "root", "intermediate", "leaf"), MESSAGE),
        "verifying signature: x509: certificate signed by unknown authority");
  }

  @Test
  void rekordSignedByThePublicGoodFulcioChain() throws Exception {
    byte[] chain = TestChains.publicGoodChain();
    byte[] pae = TestChains.publicGoodPae();
    byte[] signature = TestChains.publicGoodSignature();

    String id =
        create(
            KindCases.request("rekord", "0.0.1", Rekords.spec("x509", signature, chain, pae, "")));

    assertThat(search("{\"subject\":\"" + TestChains.PUBLIC_GOOD_SUBJECT + "\"}")).contains(id);
    assertThat(search(keyQuery(chain))).contains(id);
    assertRefused(
        KindCases.request(
            "rekord",
            "0.0.1",
            Rekords.spec("x509", TestChains.tampered(signature), chain, pae, "")),
        "verifying signature: invalid signature when validating ASN.1 encoded signature");
  }

  @Test
  void dsseSignedByAnEcChainLeaf() throws Exception {
    byte[] chain = TestChains.fullChain("ec");
    byte[] payload = "chain over http".getBytes(StandardCharsets.UTF_8);
    String type = "text/plain";
    byte[] sig = TestChains.sign("ec", DsseEnvelope.pae(type, payload));
    String chainText = new String(chain, StandardCharsets.US_ASCII);

    String id =
        create(
            KindCases.request(
                "dsse",
                "0.0.1",
                DsseRealEntriesTest.proposedSpec(
                    Signers.envelopeJson(type, payload, List.of(Signers.b64(sig))), chainText)));

    assertThat(search("{\"email\":\"" + TestChains.EC_EMAIL + "\"}")).contains(id);
    // dsse indexes the chain's hash with a sha256: prefix, so a hash search reaches it.
    assertThat(search("{\"hash\":\"sha256:" + sha256Hex(chain) + "\"}")).contains(id);
    assertRefused(
        KindCases.request(
            "dsse",
            "0.0.1",
            DsseRealEntriesTest.proposedSpec(
                Signers.envelopeJson(type, payload, List.of(Signers.b64(TestChains.tampered(sig)))),
                chainText)),
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1: verifier 0 verifies no signature of the envelope");
  }

  @Test
  void intotoWithThePublicGoodEntryAndItsFullChain() throws Exception {
    JsonNode spec = IntotoV002RealEntriesTest.proposedSpec(TestChains.publicGoodBundle());
    ObjectNode signature =
        (ObjectNode) spec.get("content").get("envelope").get("signatures").get(0);
    signature.put("publicKey", Signers.b64(TestChains.publicGoodChain()));

    String id = create(KindCases.request("intoto", "0.0.2", spec));

    assertThat(search("{\"subject\":\"" + TestChains.PUBLIC_GOOD_SUBJECT + "\"}")).contains(id);
    assertThat(search("{\"hash\":\"sha256:" + sha256Hex(TestChains.publicGoodChain()) + "\"}"))
        .contains(id);
    // sig is the base64 of the envelope's base64 signature text: flip a bit of the signature.
    String envelopeSig =
        new String(
            Base64.getDecoder().decode(signature.get("sig").stringValue()),
            StandardCharsets.US_ASCII);
    byte[] flipped = TestChains.tampered(Base64.getDecoder().decode(envelopeSig));
    signature.put("sig", Signers.b64(Signers.b64(flipped).getBytes(StandardCharsets.US_ASCII)));
    long size = client.treeSize();
    ApiClient.Response refused =
        client.post("/api/v1/log/entries", KindCases.request("intoto", "0.0.2", spec));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue())
        .startsWith("error processing entry: ")
        .contains("verif");
    assertThat(client.treeSize()).isEqualTo(size);
  }
}
