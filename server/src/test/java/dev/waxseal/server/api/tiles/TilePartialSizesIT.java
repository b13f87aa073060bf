package dev.waxseal.server.api.tiles;

import static dev.waxseal.server.api.tiles.TlogTilesClient.tilePath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.api.tiles.TlogTilesClient.Checkpoint;
import dev.waxseal.server.api.tiles.TlogTilesClient.Vkey;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Full and partial tiles at the sizes where the tile layout changes: 1, 255, 256, 257, 65,536 and
 * C2SP's example 70,000. At each size, for every level: the last full tile and the partial tile are
 * served with their widths and cache headers, anything wider or further is 404, entry bundles
 * likewise (gzipped when asked), and the root from the tiles matches the checkpoint.
 *
 * <pre>
 *   size      level 0               level 1             level 2
 *   1         .p/1                  -                   -
 *   255       .p/255                -                   -
 *   256       000                   .p/1                -
 *   257       000, 001.p/1          .p/1                -
 *   65,536    000..255              000                 .p/1
 *   70,000    000..272, 273.p/112   000, 001.p/17       .p/1
 * </pre>
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=partial.test",
      "waxseal.log.batch-max-size=1024",
      "waxseal.log.max-pending=70000"
    })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the log only grows
class TilePartialSizesIT extends PostgresIntegrationTest {
  @LocalServerPort int port;
  @Autowired Appender appender;

  private TlogTilesClient client;
  private Vkey vkey;
  private long size;

  @BeforeAll
  void connect() throws Exception {
    client = new TlogTilesClient("http://localhost:" + port);
    vkey = client.vkey();
  }

  /** Appends small entries until the tree has {@code target} leaves, all committed. */
  private void growTo(long target) throws Exception {
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
    for (long i = size; i < target; i++) {
      byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      futures.add(appender.append(PendingEntry.of("test", "0.0.1", body)));
    }
    for (CompletableFuture<AppendResult> future : futures) {
      future.get(120, TimeUnit.SECONDS);
    }
    size = target;
  }

  @Order(1)
  @ParameterizedTest(name = "size {0}")
  @ValueSource(longs = {1, 255, 256, 257, 65_536, 70_000}) // in order: the log only grows
  void tilesAtSize(long target) throws Exception {
    growTo(target);
    Checkpoint checkpoint = client.checkpoint(vkey);
    assertThat(checkpoint.size()).isEqualTo(target);
    SoftAssertions softly = new SoftAssertions();
    int level = 0;
    for (; (target >>> (8 * level)) > 0; level++) {
      checkLevel(softly, Integer.toString(level), level, target);
    }
    checkLevel(softly, "entries", 0, target);
    expect(
        softly,
        tilePath(Integer.toString(level), 0, 1),
        404,
        TileController.NO_STORE); // above the top
    softly
        .assertThat(client.at(target).root())
        .as("root from tiles")
        .isEqualTo(checkpoint.rootHash());
    softly.assertAll();
  }

  private void checkLevel(SoftAssertions softly, String name, int level, long treeSize) {
    long hashes = treeSize >>> (8 * level);
    long full = hashes / 256;
    int partial = (int) (hashes % 256);
    if (full > 0) {
      expect(softly, tilePath(name, full - 1, 256), 200, TileController.FULL_CACHE);
      if (full > 1) {
        expect(softly, tilePath(name, 0, 256), 200, TileController.FULL_CACHE);
      }
      expect(softly, tilePath(name, full - 1, 255), 200, TileController.PARTIAL_CACHE);
    }
    if (partial > 0) {
      expect(softly, tilePath(name, full, partial), 200, TileController.PARTIAL_CACHE);
      expect(softly, tilePath(name, full, 1), 200, TileController.PARTIAL_CACHE);
      if (partial < 255) {
        expect(softly, tilePath(name, full, partial + 1), 404, TileController.NO_STORE);
      }
    }
    expect(softly, tilePath(name, full, 256), 404, TileController.NO_STORE); // not full yet
    expect(softly, tilePath(name, full + 1, 1), 404, TileController.NO_STORE); // not started
  }

  private void expect(SoftAssertions softly, String path, int status, String cacheControl) {
    HttpResponse<byte[]> response = client.get(path, "Accept-Encoding", "gzip");
    softly.assertThat(response.statusCode()).as(path).isEqualTo(status);
    softly
        .assertThat(response.headers().firstValue("Cache-Control"))
        .as(path)
        .hasValue(cacheControl);
    if (status != 200) {
      return;
    }
    int width =
        path.contains(".p/") ? Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)) : 256;
    if (path.startsWith("tile/entries/")) {
      softly
          .assertThat(response.headers().firstValue("Content-Encoding"))
          .as(path)
          .hasValue("gzip");
      softly
          .assertThat(ReferenceVerifier.decodeBundle(ReferenceVerifier.gunzip(response.body())))
          .as(path)
          .hasSize(width);
    } else {
      softly
          .assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValue("application/octet-stream");
      softly.assertThat(response.body()).as(path).hasSize(32 * width);
    }
  }

  @Order(2)
  @Test
  void theSpecExampleLayoutAt70000() throws Exception {
    growTo(70_000);
    // C2SP tlog-tiles: 273 full level-0 tiles + partial 112, one full level-1 tile + partial 17,
    // a level-2 partial of width 1.
    assertThat(client.get("tile/0/272").statusCode()).isEqualTo(200);
    assertThat(client.get("tile/0/273").statusCode()).isEqualTo(404);
    assertThat(client.get("tile/0/273.p/112").body()).hasSize(112 * 32);
    assertThat(client.get("tile/1/000").body()).hasSize(256 * 32);
    assertThat(client.get("tile/1/001.p/17").body()).hasSize(17 * 32);
    assertThat(client.get("tile/2/000.p/1").body()).hasSize(32);
    assertThat(client.get("tile/2/000.p/2").statusCode()).isEqualTo(404);
    assertThat(client.get("tile/3/000.p/1").statusCode()).isEqualTo(404);
  }
}
