package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.ServerProcess;
import dev.waxseal.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes (the packaged jar) on one database: a rotation made through the management
 * port of one is followed by the other within a bounded time, without restart; its next write lands
 * in the new shard, right after the frozen one's last index.
 */
class TwoProcessesRotationIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Kept after a failure: it holds the servers' console logs (see ServerProcess). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void rotationThroughOneProcessIsFollowedByTheOther() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    Path logKey = dir.resolve("log.pem");
    Path tilesKey = dir.resolve("tiles.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, logKey);
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, tilesKey);
    // The Rekor v2 log's key too: both processes serve the one v2 log on the database.
    Path v2Key = dir.resolve("rekor-v2.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, v2Key);
    Map<String, String> common =
        Map.of(
            "SPRING_DATASOURCE_URL", db.jdbcUrl(),
            "SPRING_DATASOURCE_USERNAME", db.username(),
            "SPRING_DATASOURCE_PASSWORD", db.password(),
            "WAXSEAL_SIGNER_KEY_FILE", logKey.toString(),
            "WAXSEAL_TILES_KEY_FILE", tilesKey.toString(),
            "WAXSEAL_V2_KEY_FILE", v2Key.toString());
    Map<String, String> withManagement = new java.util.HashMap<>(common);
    withManagement.put("MANAGEMENT_SERVER_PORT", Integer.toString(ServerProcess.freePort()));
    try (ServerProcess operator = ServerProcess.start(dir.resolve("a"), withManagement);
        ServerProcess other = ServerProcess.start(dir.resolve("b"), common)) {
      ApiClient a = new ApiClient(operator.baseUri().getPort());
      ApiClient b = new ApiClient(other.baseUri().getPort());
      for (int i = 0; i < 3; i++) {
        Signers.Signed signed =
            Signers.signed(Signers.Key.P256, Signers.utf8("two " + i), false, "");
        assertThat(b.post("/api/v1/log/entries", signed.request()).status()).isEqualTo(201);
      }
      JsonNode before = b.get("/api/v1/log").json();
      String frozenTree = before.get("treeID").stringValue();
      assertThat(before.get("inactiveShards").size()).isZero();
      assertThat(b.get("/actuator/shards").status()).isEqualTo(404);
      assertThat(a.get("/actuator/shards").status()).isEqualTo(404); // not on the API port

      HttpResponse<String> rotated =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(operator.managementUri() + "/actuator/shards"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
      long rotatedAt = System.nanoTime();

      // The other process re-reads the trees every 200 ms: it follows within a bounded time.
      JsonNode after;
      do {
        after = b.get("/api/v1/log").json();
        assertThat(System.nanoTime() - rotatedAt)
            .as("followed within 2 s")
            .isLessThan(2_000_000_000L);
      } while (after.get("inactiveShards").size() == 0);
      System.out.printf(
          "the other process followed the rotation after %.0f ms%n",
          (System.nanoTime() - rotatedAt) / 1e6);
      assertThat(after.get("inactiveShards").get(0).get("treeID").stringValue())
          .isEqualTo(frozenTree);
      assertThat(after.get("inactiveShards").get(0).get("treeSize").longValue()).isEqualTo(3);
      String activeTree = after.get("treeID").stringValue();
      assertThat(activeTree).isNotEqualTo(frozenTree);

      Signers.Signed next = Signers.signed(Signers.Key.P256, Signers.utf8("two after"), false, "");
      ApiClient.Response created = b.post("/api/v1/log/entries", next.request());
      assertThat(created.status()).isEqualTo(201);
      assertThat(Long.parseLong(created.entryId().substring(0, 16), 16))
          .isEqualTo(Long.parseLong(activeTree));
      assertThat(created.entry().get("logIndex").longValue()).isEqualTo(3);
      ApiClient.Response readBack = a.get("/api/v1/log/entries?logIndex=3");
      assertThat(readBack.status()).as(readBack.body() + "\n" + operator.output()).isEqualTo(200);
      assertThat(readBack.entryId()).isEqualTo(created.entryId());
      assertThat(a.get("/api/v1/log/entries?logIndex=2").status()).isEqualTo(200);
    }
  }
}
