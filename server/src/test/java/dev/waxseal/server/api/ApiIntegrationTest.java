package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import dev.waxseal.server.testing.CheckpointVerifier;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API's HTTP integration tests: one application on a random port and a real PostgreSQL,
 * shared by every subclass (same configuration, one cached context), and an independent check of
 * every LogEntry the server returns.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=" + ApiIntegrationTest.HOSTNAME})
abstract class ApiIntegrationTest extends PostgresIntegrationTest {
  static final String HOSTNAME = "api.test";

  @LocalServerPort int port;
  @Autowired LogIdentity identity;

  ApiClient client;
  CheckpointVerifier verifier;

  @BeforeEach
  void client() throws Exception {
    client = new ApiClient(port);
    verifier = new CheckpointVerifier(HOSTNAME, identity.publicKeyDer());
  }

  /**
   * Checks one LogEntry object with merkle's verifier and the JDK's ECDSA: the id is the tree id
   * and the body's leaf hash, the inclusion proof leads to the root of a checkpoint whose signature
   * verifies, and the SET verifies over Rekor's payload.
   *
   * @return the verified checkpoint
   */
  Checkpoint verifyLogEntry(String entryId, JsonNode entry) throws Exception {
    byte[] body = Base64.getDecoder().decode(entry.get("body").stringValue());
    Hash leafHash = Rfc6962.leafHash(body);
    assertThat(entryId).hasSize(80).endsWith(leafHash.hex());
    long treeId = Long.parseLong(entryId.substring(0, 16), 16);
    assertThat(entry.get("logID").stringValue()).isEqualTo(identity.logId().hex());

    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    Hash root = Hash.fromHex(proof.get("rootHash").stringValue());
    long treeSize = proof.get("treeSize").longValue();
    ProofVerifier.verifyInclusion(
        new InclusionProof(proof.get("logIndex").longValue(), treeSize, hashes), leafHash, root);

    Checkpoint checkpoint = verifier.open(proof.get("checkpoint").stringValue());
    assertThat(checkpoint.origin()).isEqualTo(HOSTNAME + " - " + treeId);
    assertThat(checkpoint.size()).isEqualTo(treeSize);
    assertThat(checkpoint.rootHash()).isEqualTo(root);

    byte[] payload =
        SignedEntryTimestamps.payload(
            body,
            entry.get("integratedTime").longValue(),
            entry.get("logID").stringValue(),
            entry.get("logIndex").longValue());
    byte[] set =
        Base64.getDecoder()
            .decode(entry.get("verification").get("signedEntryTimestamp").stringValue());
    assertThat(verifier.verifies(payload, set)).as("SET verifies").isTrue();
    return checkpoint;
  }

  /** Checks a whole response: exactly one member, verified. */
  Checkpoint verifyLogEntry(ApiClient.Response response) throws Exception {
    assertThat(response.json().size()).isEqualTo(1);
    return verifyLogEntry(response.entryId(), response.entry());
  }
}
