package dev.waxseal.server.api.tiles;

import static dev.waxseal.server.api.tiles.ReferenceVerifier.decodeBundle;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.gunzip;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.leafHash;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.rootFromInclusion;
import static dev.waxseal.server.api.tiles.ReferenceVerifier.verifyConsistency;
import static dev.waxseal.server.api.tiles.TlogTilesClient.tilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.api.tiles.TlogTilesClient.Checkpoint;
import dev.waxseal.server.api.tiles.TlogTilesClient.TreeView;
import dev.waxseal.server.api.tiles.TlogTilesClient.Vkey;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The tile API checked end to end by {@link TlogTilesClient}, a client written from the C2SP specs
 * alone: the checkpoint verifies with the key from {@code /vkey}; the root, inclusion proofs and
 * consistency proofs computed from the tiles match the checkpoints and equal the v1 API's proofs;
 * every entry bundle holds the log's stored entries, and hashes to the level-0 tiles. Served under
 * a path prefix.
 *
 * <pre>
 *   size 0  ──append 300──▶  size 300  ──append 1,000──▶  size 1,300
 *   tiles at 1,300: level 0: 000..004 full, 005.p/20; level 1: 000.p/5
 * </pre>
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=tiles.test",
      "waxseal.tiles.origin=tiles.test/log",
      "waxseal.tiles.prefix=/tlog",
      "waxseal.log.batch-max-size=1024"
    })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileClientIT extends PostgresIntegrationTest {
  private static final long SEED = 20261130L;

  @LocalServerPort int port;
  @Autowired Appender appender;
  @Autowired LogReader reader;

  private TlogTilesClient client;
  private Vkey vkey;
  private Checkpoint empty;
  private Checkpoint first;
  private Checkpoint second;
  private final Random random = new Random(SEED);

  @BeforeAll
  void growTheLog() throws Exception {
    client = new TlogTilesClient("http://localhost:" + port + "/tlog");
    vkey = client.vkey();
    empty = client.checkpoint(vkey);
    append(300);
    first = client.checkpoint(vkey);
    append(1_000);
    second = client.checkpoint(vkey);
  }

  private void append(int count) throws Exception {
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Bodies from 1 byte to ~3 KB, so bundle lengths use both bytes of the uint16.
      byte[] body = new byte[1 + random.nextInt(3_000)];
      random.nextBytes(body);
      futures.add(appender.append(PendingEntry.of("test", "0.0.1", body)));
    }
    for (CompletableFuture<AppendResult> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void checkpointsVerifyWithTheVkeyAndNameTheOrigin() {
    assertThat(vkey.name()).isEqualTo("tiles.test/log");
    assertThat(List.of(empty.origin(), first.origin(), second.origin()))
        .containsOnly("tiles.test/log");
    assertThat(List.of(empty.size(), first.size(), second.size())).containsExactly(0L, 300L, 1300L);
    assertThat(empty.rootHash()).isEqualTo(ReferenceVerifier.sha256(new byte[0]));
  }

  @Test
  void checkpointIsTextWithAShortCacheLife() {
    HttpResponse<byte[]> response = client.get("checkpoint");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=1");
    assertThat(client.get("vkey").statusCode()).isEqualTo(200);
  }

  @Test
  void rootsFromTilesMatchTheCheckpoints() {
    assertThat(client.at(first.size()).root()).isEqualTo(first.rootHash());
    assertThat(client.at(second.size()).root()).isEqualTo(second.rootHash());
  }

  @Test
  void rekorCheckpointHasTheSameSizeAndRoot() {
    PublishedCheckpoint rekor = reader.latestCheckpoint();
    assertThat(rekor.size()).isEqualTo(second.size());
    assertThat(rekor.rootHash().bytes()).isEqualTo(second.rootHash());
  }

  @Test
  void inclusionProofsBuiltFromTilesVerify() {
    long treeId = reader.tree().activeTreeId();
    for (Checkpoint checkpoint : List.of(first, second)) {
      TreeView tree = client.at(checkpoint.size());
      List<Long> indexes = new ArrayList<>(List.of(0L, 1L, 255L, 256L, checkpoint.size() - 1));
      for (int i = 0; i < 20; i++) {
        indexes.add((long) random.nextInt((int) checkpoint.size()));
      }
      for (long index : indexes) {
        IntegratedEntry entry = reader.entryByIndex(treeId, index).orElseThrow();
        byte[] root =
            rootFromInclusion(
                index, checkpoint.size(), leafHash(entry.body()), tree.inclusion(index));
        assertThat(root)
            .as("leaf %d at size %d", index, checkpoint.size())
            .isEqualTo(checkpoint.rootHash());
      }
    }
  }

  @Test
  void proofsFromTilesAreTheV1Proofs() {
    long treeId = reader.tree().activeTreeId();
    TreeView tree = client.at(second.size());
    for (long index : new long[] {0, 255, 256, 299, 1024, 1299}) {
      assertThat(tree.inclusion(index))
          .as("inclusion of %d", index)
          .containsExactlyElementsOf(
              bytes(reader.inclusionProof(treeId, index, second.size()).hashes()));
    }
    for (long size1 : new long[] {1, 255, 256, 300, 1299}) {
      assertThat(tree.consistency(size1))
          .as("consistency from %d", size1)
          .containsExactlyElementsOf(
              bytes(reader.consistencyProof(treeId, size1, second.size()).hashes()));
    }
  }

  private static List<byte[]> bytes(List<Hash> hashes) {
    return hashes.stream().map(Hash::bytes).toList();
  }

  @Test
  void inclusionProofOfAFlippedEntryFails() {
    long treeId = reader.tree().activeTreeId();
    byte[] body = reader.entryByIndex(treeId, 7).orElseThrow().body();
    body[0] ^= 1;
    byte[] root = rootFromInclusion(7, second.size(), leafHash(body), client.at(1300).inclusion(7));
    assertThat(root).isNotEqualTo(second.rootHash());
  }

  @Test
  void consistencyProofsBuiltFromTilesVerify() {
    TreeView tree = client.at(second.size());
    verifyConsistency(
        first.size(), second.size(), first.rootHash(), second.rootHash(), tree.consistency(300));
    for (long size1 : new long[] {1, 2, 255, 256, 257, 299, 1024, 1299, 1300}) {
      byte[] root1 = client.at(size1).root();
      verifyConsistency(size1, second.size(), root1, second.rootHash(), tree.consistency(size1));
    }
    byte[] wrong = first.rootHash().clone();
    wrong[31] ^= 1;
    assertThatThrownBy(
            () -> verifyConsistency(300, 1300, wrong, second.rootHash(), tree.consistency(300)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyEntryBundleHoldsTheStoredEntriesAndHashesToItsTile() {
    long treeId = reader.tree().activeTreeId();
    for (Checkpoint checkpoint : List.of(first, second)) {
      long size = checkpoint.size();
      for (long n = 0; n * 256 < size; n++) {
        int width = TlogTilesClient.width(0, n, size);
        HttpResponse<byte[]> response =
            client.get(tilePath("entries", n, width), "Accept-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        List<byte[]> entries = decodeBundle(gunzip(response.body()));
        List<IntegratedEntry> stored = reader.entries(treeId, n * 256, n * 256 + width);
        assertThat(entries).hasSize(width).hasSameSizeAs(stored);
        byte[] tile = client.tile(0, n, size);
        for (int i = 0; i < width; i++) {
          assertThat(entries.get(i)).isEqualTo(stored.get(i).body());
          assertThat(leafHash(entries.get(i)))
              .isEqualTo(Arrays.copyOfRange(tile, i * 32, i * 32 + 32));
        }
      }
    }
  }

  @Test
  void bundleWithoutGzipIsTheSameBytes() {
    HttpResponse<byte[]> plain = client.get(tilePath("entries", 5, 20));
    HttpResponse<byte[]> gzipped =
        client.get(tilePath("entries", 5, 20), "Accept-Encoding", "gzip");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(gunzip(gzipped.body()));
  }

  @Test
  void tilesOfTheOldSizeAreStillServedAsPrefixes() {
    // At 300 the right edge was 001.p/44 and level 1 000.p/1; at 1,300 tile 001 is full.
    byte[] old = client.get(tilePath("0", 1, 44)).body();
    byte[] full = client.get(tilePath("0", 1, 256)).body();
    assertThat(old).isEqualTo(Arrays.copyOf(full, 44 * 32));
    assertThat(client.get(tilePath("1", 0, 1)).body())
        .isEqualTo(Arrays.copyOf(client.get(tilePath("1", 0, 5)).body(), 32));
  }

  @Test
  void rootIsNotAtTheServerRootWhenPrefixed() {
    TlogTilesClient root = new TlogTilesClient("http://localhost:" + port);
    assertThat(root.get("checkpoint").statusCode()).isEqualTo(404);
    assertThat(new String(client.get("checkpoint").body(), StandardCharsets.UTF_8))
        .startsWith("tiles.test/log\n");
  }
}
