package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.entries.CanonicalJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The entry endpoints over HTTP, with signatures made in the test: create (every key type, with a
 * key and with a certificate), duplicate, read by index and by 64- and 80-hex id, retrieve; and the
 * log endpoints: info, consistency proofs, public key. Every proof, checkpoint and SET is verified.
 */
class LogEntriesIT extends ApiIntegrationTest {
  static List<Arguments> signers() {
    List<Arguments> all = new ArrayList<>();
    for (Signers.Key key : Signers.Key.values()) {
      all.add(Arguments.of(key, false));
      all.add(Arguments.of(key, true));
    }
    return all;
  }

  private Signers.Signed create(Signers.Key key, boolean certificate, String artifact) {
    return Signers.signed(key, Signers.utf8(artifact), certificate, "signer@example.com");
  }

  @ParameterizedTest(name = "{0} certificate={1}")
  @MethodSource("signers")
  void createsEntryWithProofCheckpointAndSet(Signers.Key key, boolean certificate)
      throws Exception {
    Signers.Signed signed = create(key, certificate, "create " + key + " " + certificate);

    ApiClient.Response created = client.post("/api/v1/log/entries", signed.request());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith("application/json");
    String id = created.entryId();
    assertThat(created.header("ETag")).isEqualTo(id);
    assertThat(created.header("Location")).isEqualTo("/api/v1/log/entries/" + id);
    verifyLogEntry(created);
    JsonNode entry = created.entry();
    assertThat(entry.propertyNames())
        .containsExactly("body", "integratedTime", "logID", "logIndex", "verification");
    assertThat(entry.get("verification").get("inclusionProof").propertyNames())
        .containsExactly("checkpoint", "hashes", "logIndex", "rootHash", "treeSize");
    JsonNode body =
        CanonicalJson.parse(Base64.getDecoder().decode(entry.get("body").stringValue()));
    assertThat(body.get("spec").get("data").get("hash").get("value").stringValue())
        .isEqualTo(signed.digestHex());
  }

  @Test
  void duplicateReturns409WithLocationOfTheExistingEntry() {
    Signers.Signed signed = create(Signers.Key.P256, false, "duplicate");
    ApiClient.Response first = client.post("/api/v1/log/entries", signed.request());
    assertThat(first.status()).isEqualTo(201);
    long size = client.treeSize();

    ApiClient.Response again = client.post("/api/v1/log/entries", signed.request());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo(
            "{\"code\":409,\"message\":\"an equivalent entry already exists in the transparency"
                + " log with UUID "
                + first.entryId()
                + "\"}");
    assertThat(again.header("Location")).isEqualTo("/api/v1/log/entries/" + first.entryId());
    assertThat(client.treeSize()).isEqualTo(size);
  }

  @Test
  void readsByIndexAndBothIdFormsTheSameStoredEntry() throws Exception {
    ApiClient.Response created =
        client.post("/api/v1/log/entries", create(Signers.Key.P384, true, "read").request());
    String id = created.entryId();
    JsonNode entry = created.entry();
    long logIndex = entry.get("logIndex").longValue();

    ApiClient.Response byIndex = client.get("/api/v1/log/entries?logIndex=" + logIndex);
    ApiClient.Response byUuid = client.get("/api/v1/log/entries/" + id.substring(16));
    ApiClient.Response byEntryId = client.get("/api/v1/log/entries/" + id);
    ApiClient.Response upperCase = client.get("/api/v1/log/entries/" + id.toUpperCase());

    for (ApiClient.Response read : List.of(byIndex, byUuid, byEntryId, upperCase)) {
      assertThat(read.status()).as(read.body()).isEqualTo(200);
      assertThat(read.entryId()).isEqualTo(id);
      verifyLogEntry(read);
      JsonNode got = read.entry();
      for (String field : List.of("body", "integratedTime", "logID", "logIndex")) {
        assertThat(got.get(field)).as(field).isEqualTo(entry.get(field));
      }
      // Reads return the SET stored at integration: the same bytes every time.
      assertThat(got.get("verification").get("signedEntryTimestamp"))
          .isEqualTo(entry.get("verification").get("signedEntryTimestamp"));
    }
  }

  @Test
  void retrieveFindsByIdsIndexesAndProposedEntries() throws Exception {
    Signers.Signed a = create(Signers.Key.RSA2048, false, "retrieve a");
    Signers.Signed b = create(Signers.Key.ED25519, true, "retrieve b");
    Signers.Signed c = create(Signers.Key.P256, true, "retrieve c");
    ApiClient.Response ra = client.post("/api/v1/log/entries", a.request());
    ApiClient.Response rb = client.post("/api/v1/log/entries", b.request());
    ApiClient.Response rc = client.post("/api/v1/log/entries", c.request());
    long indexC = rc.entry().get("logIndex").longValue();

    ApiClient.Response found =
        client.post(
            "/api/v1/log/entries/retrieve",
            "{\"entryUUIDs\":[\""
                + ra.entryId()
                + "\",\""
                + rb.entryId().substring(16)
                + "\",\""
                + "00000000000000010000000000000000000000000000000000000000000000000000000000000000"
                + "\"],\"logIndexes\":["
                + indexC
                + ",999999999],\"entries\":["
                + c.request()
                + "]}");

    assertThat(found.status()).as(found.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode logEntry : found.json().values()) {
      String id = logEntry.propertyNames().iterator().next();
      ids.add(id);
      verifyLogEntry(id, logEntry.get(id));
    }
    assertThat(ids).containsExactly(ra.entryId(), rb.entryId(), rc.entryId(), rc.entryId());
  }

  @Test
  void logInfoServesTheLatestStoredCheckpoint() throws Exception {
    client.post("/api/v1/log/entries", create(Signers.Key.P256, false, "info").request());

    ApiClient.Response info = client.get("/api/v1/log");

    assertThat(info.status()).isEqualTo(200);
    JsonNode json = info.json();
    assertThat(json.propertyNames())
        .containsExactly("inactiveShards", "rootHash", "signedTreeHead", "treeID", "treeSize");
    Checkpoint checkpoint = verifier.open(json.get("signedTreeHead").stringValue());
    assertThat(checkpoint.size()).isEqualTo(json.get("treeSize").longValue()).isPositive();
    assertThat(checkpoint.rootHash().hex()).isEqualTo(json.get("rootHash").stringValue());
    assertThat(checkpoint.origin()).isEqualTo(HOSTNAME + " - " + json.get("treeID").stringValue());
    assertThat(json.get("inactiveShards").isEmpty()).isTrue();
    // The same size gives the same bytes: the checkpoint is stored, not signed per request.
    assertThat(client.get("/api/v1/log").json().get("signedTreeHead"))
        .isEqualTo(json.get("signedTreeHead"));
  }

  @Test
  void consistencyProofsVerifyBetweenCheckpoints() throws Exception {
    ApiClient.Response first =
        client.post("/api/v1/log/entries", create(Signers.Key.P256, false, "proof 1").request());
    Checkpoint old = verifyLogEntry(first);
    for (int i = 0; i < 3; i++) {
      client.post("/api/v1/log/entries", create(Signers.Key.P384, false, "proof+" + i).request());
    }
    JsonNode info = client.get("/api/v1/log").json();
    Checkpoint latest = verifier.open(info.get("signedTreeHead").stringValue());

    for (long size1 : List.of(1L, old.size(), latest.size())) {
      String treeId = info.get("treeID").stringValue();
      ApiClient.Response proof =
          client.get(
              "/api/v1/log/proof?firstSize="
                  + size1
                  + "&lastSize="
                  + latest.size()
                  + "&treeID="
                  + treeId);
      assertThat(proof.status()).as(proof.body()).isEqualTo(200);
      assertThat(proof.json().propertyNames()).containsExactly("hashes", "rootHash");
      assertThat(proof.json().get("rootHash").stringValue()).isEqualTo(latest.rootHash().hex());
      List<Hash> hashes = new ArrayList<>();
      proof.json().get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
      Hash root1 =
          size1 == old.size()
              ? old.rootHash()
              : size1 == latest.size() ? latest.rootHash() : rootAt(size1);
      ProofVerifier.verifyConsistency(
          new ConsistencyProof(size1, latest.size(), hashes), root1, latest.rootHash());
    }
    // firstSize defaults to 1.
    assertThat(client.get("/api/v1/log/proof?lastSize=" + latest.size()).json().get("hashes"))
        .isEqualTo(
            client
                .get("/api/v1/log/proof?firstSize=1&lastSize=" + latest.size())
                .json()
                .get("hashes"));
  }

  /** The root at {@code size}, from a proof ending there. */
  private Hash rootAt(long size) {
    return Hash.fromHex(
        client
            .get("/api/v1/log/proof?firstSize=1&lastSize=" + size)
            .json()
            .get("rootHash")
            .stringValue());
  }

  @Test
  void publicKeyIsThePemOfTheLogKey() {
    ApiClient.Response key = client.get("/api/v1/log/publicKey");
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.header("Content-Type")).startsWith("application/x-pem-file");
    assertThat(key.body()).isEqualTo(identity.publicKeyPem());
    String treeId = client.get("/api/v1/log").json().get("treeID").stringValue();
    assertThat(client.get("/api/v1/log/publicKey?treeID=" + treeId).body())
        .isEqualTo(identity.publicKeyPem());
  }

  @Test
  void servesItsOpenApiDocument() {
    ApiClient.Response spec = client.get("/api/v1/openapi.yaml");
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body()).contains("swagger: \"2.0\"").contains("/api/v1/log/entries");
  }
}
