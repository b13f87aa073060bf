package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.intoto.IntotoV002RealEntriesTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * intoto entries over HTTP: the real sigstore-js provenance entry gets its real UUID, its decoded
 * DSSE payload is stored in the entry's transaction and returned as {@code attestation.data} on
 * create and on every read, and its in-toto subject is searchable.
 */
class AttestationIT extends ApiIntegrationTest {
  private static final String UUID =
      "83c4d5305de1248c4bc0f14c9fa50b20120bb04579f13a29151c2494d1d220cb";

  @Test
  void intotoPayloadIsStoredAndReturnedAsAttestation() throws Exception {
    JsonNode bundle = RealEntries.bundle("sigstore-js-2.0.0-provenance.sigstore.json");
    ObjectNode proposed = JsonNodeFactory.instance.objectNode();
    proposed.put("apiVersion", "0.0.2").put("kind", "intoto");
    proposed.set("spec", IntotoV002RealEntriesTest.proposedSpec(bundle));
    String payload = bundle.get("dsseEnvelope").get("payload").stringValue();

    ApiClient.Response created =
        client.post(
            "/api/v1/log/entries",
            new String(CanonicalJson.canonicalize(proposed), StandardCharsets.UTF_8));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.entryId()).endsWith(UUID);
    assertThat(created.entry().get("attestation").get("data").stringValue()).isEqualTo(payload);
    verifyLogEntry(created);

    ApiClient.Response read = client.get("/api/v1/log/entries/" + UUID);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.entry().get("attestation").get("data").stringValue()).isEqualTo(payload);

    ApiClient.Response found =
        client.post(
            "/api/v1/index/retrieve",
            "{\"hash\":\"sha512:46d4e2f74c4877316640000a6fdf8a8b59f1e0847667973e9859f774dd31b8f1"
                + "e0937813b777fb66a2ac67d50540fe34640966eee9fc2ccca387082b4c85cd3c\"}");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.body()).contains(UUID);
  }
}
