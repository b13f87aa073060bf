package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Automatic rotation at {@code WAXSEAL_SHARD_MAX_SIZE}, and the tile API per shard: each shard is
 * its own C2SP log (own origin, path, checkpoint, vkey), and a frozen shard's checkpoint and tiles
 * are served as immutable.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=" + ShardTilesIT.HOSTNAME,
      "waxseal.tiles.origin=" + ShardTilesIT.HOSTNAME + "/tiles",
      "waxseal.shards.max-size=5"
    })
class ShardTilesIT extends PostgresIntegrationTest {
  static final String HOSTNAME = "tiles.shards.test";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Checkpoint checkpoint(HttpResponse<byte[]> response) {
    return Checkpoint.parse(
        SignedNote.parse(new String(response.body(), StandardCharsets.UTF_8)).text());
  }

  @Test
  void rotatesAtMaxSizeAndServesEachShardAsItsOwnTileLog() throws Exception {
    ApiClient api = new ApiClient(port);
    byte[][] bodies = new byte[8][];
    String firstRequest = "";
    for (int i = 0; i < 8; i++) {
      Signers.Signed signed =
          Signers.signed(Signers.Key.P256, Signers.utf8("tile " + i), false, "");
      firstRequest = i == 0 ? signed.request() : firstRequest;
      ApiClient.Response created = api.post("/api/v1/log/entries", signed.request());
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.entry().get("logIndex").longValue()).isEqualTo(i);
      bodies[i] = Base64.getDecoder().decode(created.entry().get("body").stringValue());
    }
    // One by one, each entry is its own batch: the shard is frozen right after its 5th.
    JsonNode log = api.get("/api/v1/log").json();
    assertThat(log.get("inactiveShards").size()).isEqualTo(1);
    JsonNode frozen = log.get("inactiveShards").get(0);
    assertThat(frozen.get("treeSize").longValue()).isEqualTo(5);
    assertThat(log.get("treeSize").longValue()).isEqualTo(3);
    String active = log.get("treeID").stringValue();

    HttpResponse<byte[]> first = get("/checkpoint");
    assertThat(first.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(checkpoint(first).origin()).isEqualTo(HOSTNAME + "/tiles");
    assertThat(checkpoint(first).size()).isEqualTo(5);
    assertThat(checkpoint(first).rootHash().hex()).isEqualTo(frozen.get("rootHash").stringValue());

    HttpResponse<byte[]> second = get("/" + active + "/checkpoint");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=1");
    assertThat(checkpoint(second).origin()).isEqualTo(HOSTNAME + "/tiles/" + active);
    assertThat(checkpoint(second).size()).isEqualTo(3);

    String vkey = new String(get("/" + active + "/vkey").body(), StandardCharsets.UTF_8);
    assertThat(vkey).startsWith(HOSTNAME + "/tiles/" + active + "+");
    assertThat(new String(get("/vkey").body(), StandardCharsets.UTF_8))
        .startsWith(HOSTNAME + "/tiles+");

    // Level-0 tiles hold each shard's own leaves; the frozen shard's last partial tile is final.
    HttpResponse<byte[]> frozenTile = get("/tile/0/000.p/5");
    assertThat(frozenTile.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(leaves(frozenTile.body(), 5)).isEqualTo(leafHashes(bodies, 0, 5));
    assertThat(get("/tile/0/000.p/6").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> activeTile = get("/" + active + "/tile/0/000.p/3");
    assertThat(activeTile.statusCode()).isEqualTo(200);
    assertThat(activeTile.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(leaves(activeTile.body(), 3)).isEqualTo(leafHashes(bodies, 5, 8));

    // As Rekor: duplicates are found only within the active shard, so entry 0 (in the frozen
    // shard) is logged again, and its UUID then names an entry in each shard.
    ApiClient.Response again = api.post("/api/v1/log/entries", firstRequest);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.entry().get("logIndex").longValue()).isEqualTo(8);
    assertThat(api.post("/api/v1/log/entries", firstRequest).status()).isEqualTo(409);
    String uuid = again.entryId().substring(16);
    JsonNode both =
        api.post("/api/v1/log/entries/retrieve", "{\"entryUUIDs\":[\"" + uuid + "\"]}").json();
    assertThat(both.size()).isEqualTo(2);
    assertThat(api.get("/api/v1/log/entries/" + uuid).entryId()).isEqualTo(again.entryId());

    assertThat(get("/1234/checkpoint").statusCode()).isEqualTo(404);
    assertThat(get("/1234/tile/0/000.p/1").statusCode()).isEqualTo(404);
  }

  private static Hash[] leaves(byte[] tile, int width) {
    assertThat(tile).hasSize(width * Hash.SIZE);
    Hash[] hashes = new Hash[width];
    for (int i = 0; i < width; i++) {
      hashes[i] = Hash.of(Arrays.copyOfRange(tile, i * Hash.SIZE, (i + 1) * Hash.SIZE));
    }
    return hashes;
  }

  private static Hash[] leafHashes(byte[][] bodies, int begin, int end) {
    Hash[] hashes = new Hash[end - begin];
    for (int i = begin; i < end; i++) {
      hashes[i - begin] = Rfc6962.leafHash(bodies[i]);
    }
    return hashes;
  }
}
