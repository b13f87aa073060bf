package dev.waxseal.server.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.server.log.C2spCheckpoints;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.LogReadException;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.LogTree;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.signing.PemLogSigner;
import dev.waxseal.server.signing.ShardKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The tile endpoints over a mocked log of 70,000 entries (C2SP's example): paths, widths, 404s
 * beyond the tree, 400s for malformed paths, cache headers, gzip, and plain-text errors.
 */
@WebMvcTest(TileController.class)
@Import(SimpleMeterRegistry.class) // the API's error handler counts errors
class TileControllerTest {
  static final long TREE_ID = 42;
  static final long SIZE = 70_000;
  static final long HUGE_INDEX = 300; // entry 300 is 70,000 bytes: bundle 1 cannot be served
  static final Tree SHARD =
      new Tree(
          TREE_ID,
          true,
          Rfc6962.emptyRoot(),
          0,
          "log.test - 42",
          "default",
          "",
          "log.test",
          -1,
          null);

  @Autowired MockMvc mvc;
  @MockitoBean LogReader reader;
  @MockitoBean LogTree tree;
  @MockitoBean C2spCheckpoints checkpoints;

  @MockitoBean ShardKeys keys;

  @BeforeEach
  void log() {
    PublishedCheckpoint head =
        new PublishedCheckpoint(TREE_ID, SIZE, Rfc6962.emptyRoot(), "rekor note\n", null);
    when(reader.tree()).thenReturn(tree);
    when(tree.activeTreeId()).thenReturn(TREE_ID);
    when(tree.trees()).thenReturn(List.of(SHARD));
    when(tree.knownCheckpoint()).thenReturn(head);
    when(reader.latestCheckpoint()).thenReturn(head);
    when(reader.latestCheckpoint(TREE_ID)).thenReturn(head);
    when(reader.tiles(eq(TREE_ID), anyLong(), anyList()))
        .thenAnswer(
            call -> {
              long size = call.getArgument(1);
              List<TileId> ids = call.getArgument(2);
              return ids.stream().map(id -> tile(id, TileGeometry.width(id, size))).toList();
            });
    when(reader.entries(eq(TREE_ID), anyLong(), anyLong()))
        .thenAnswer(call -> entries(call.getArgument(1), call.getArgument(2)));
    when(reader.virtualIndex(org.mockito.ArgumentMatchers.any()))
        .thenAnswer(call -> ((IntegratedEntry) call.getArgument(0)).index() + 1000);
    when(checkpoints.latest(SHARD)).thenReturn("log.test\n70000\nroot\n\n— log.test sig\n");
  }

  /** A tile whose hash i is SHA-256(0x00 ‖ "level/index/i"): recognisable, not recomputable. */
  static Tile tile(TileId id, int width) {
    byte[] bytes = new byte[width * Hash.SIZE];
    for (int i = 0; i < width; i++) {
      byte[] hash = Rfc6962.leafHash((id + "/" + i).getBytes(StandardCharsets.UTF_8)).bytes();
      System.arraycopy(hash, 0, bytes, i * Hash.SIZE, Hash.SIZE);
    }
    return Tile.of(id, bytes);
  }

  static byte[] body(long index) {
    return index == HUGE_INDEX
        ? new byte[70_000]
        : ("{\"entry\":" + index + "}").getBytes(StandardCharsets.UTF_8);
  }

  static List<IntegratedEntry> entries(long begin, long end) {
    List<IntegratedEntry> rows = new ArrayList<>();
    for (long i = begin; i < Math.min(end, SIZE); i++) {
      byte[] body = body(i);
      rows.add(
          new IntegratedEntry(
              TREE_ID, i, Rfc6962.leafHash(body), "test", "0.0.1", body, 0, new byte[1]));
    }
    return rows;
  }

  static byte[] bundle(long begin, int width) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (long i = begin; i < begin + width; i++) {
      byte[] body = body(i);
      out.write(body.length >>> 8);
      out.write(body.length & 0xff);
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  @Test
  void checkpointIsShortLivedUtf8Text() throws Exception {
    mvc.perform(get("/checkpoint"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(header().string("Cache-Control", "public, max-age=1"))
        .andExpect(content().string("log.test\n70000\nroot\n\n— log.test sig\n"));
  }

  @Test
  void fullTileIsImmutable() throws Exception {
    mvc.perform(get("/tile/0/272"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/octet-stream"))
        .andExpect(header().string("Cache-Control", "public, max-age=31536000, immutable"))
        .andExpect(content().bytes(tile(new TileId(0, 272), 256).bytes()));
  }

  @Test
  void partialTilesAtEveryLevelHaveTheC2spWidths() throws Exception {
    expectPartial("/tile/0/273.p/112", tile(new TileId(0, 273), 112).bytes());
    expectPartial("/tile/1/001.p/17", tile(new TileId(1, 1), 17).bytes());
    expectPartial("/tile/2/000.p/1", tile(new TileId(2, 0), 1).bytes());
    mvc.perform(get("/tile/1/000")).andExpect(status().isOk());
  }

  @Test
  void narrowerPartialTilesArePrefixes() throws Exception {
    expectPartial("/tile/0/273.p/17", tile(new TileId(0, 273), 17).bytes());
    expectPartial("/tile/0/005.p/200", tile(new TileId(0, 5), 200).bytes());
  }

  private void expectPartial(String path, byte[] bytes) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "public, max-age=60"))
        .andExpect(content().bytes(bytes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tile/0/273", // not full yet
        "/tile/0/273.p/113", // wider than now
        "/tile/0/274.p/1", // no such tile yet
        "/tile/1/001",
        "/tile/2/000",
        "/tile/2/000.p/2",
        "/tile/3/000.p/1",
        "/tile/63/x009/x223/x372/x036/x854/x775/807", // 2^63 - 1
        "/tile/entries/273",
        "/tile/entries/273.p/113",
        "/tile/entries/274.p/1",
      })
  void beyondTheTreeIs404PlainTextNeverCached(String path) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isNotFound())
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string(path.substring(1) + " is beyond the current tree\n"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tile/0/1",
        "/tile/0/01",
        "/tile/0/0001",
        "/tile/0/x000/001",
        "/tile/0/001/002",
        "/tile/00/000",
        "/tile/64/000",
        "/tile/0/000.p/0",
        "/tile/0/000.p/256",
        "/tile/0/000.p/01",
        "/tile/0/000.p/",
        "/tile/0/000.p",
        "/tile/-1/000",
        "/tile/0/+01",
        "/tile/entries/1",
        "/tile/entries",
        "/tile/x/000",
        "/tile/0/x001",
      })
  void malformedPathIs400PlainText(String path) throws Exception {
    MvcResult result =
        mvc.perform(get(path))
            .andExpect(status().isBadRequest())
            .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
            .andExpect(header().string("Cache-Control", "no-store"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).startsWith("tile path \"");
  }

  @Test
  void entryBundleIsGzippedWhenAccepted() throws Exception {
    MvcResult result =
        mvc.perform(get("/tile/entries/000").header("Accept-Encoding", "br, gzip;q=0.8"))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Encoding", "gzip"))
            .andExpect(header().string("Vary", "Accept-Encoding"))
            .andExpect(header().string("Cache-Control", "public, max-age=31536000, immutable"))
            .andReturn();
    assertThat(gunzip(result.getResponse().getContentAsByteArray())).isEqualTo(bundle(0, 256));
  }

  @Test
  void entryBundleIsPlainWithoutGzipInAcceptEncoding() throws Exception {
    for (String accept : new String[] {"identity", "gzip;q=0", "br"}) {
      mvc.perform(get("/tile/entries/273.p/112").header("Accept-Encoding", accept))
          .andExpect(status().isOk())
          .andExpect(header().doesNotExist("Content-Encoding"))
          .andExpect(header().string("Vary", "Accept-Encoding"))
          .andExpect(header().string("Cache-Control", "public, max-age=60"))
          .andExpect(content().bytes(bundle(273 * 256, 112)));
    }
    mvc.perform(get("/tile/entries/273.p/5"))
        .andExpect(status().isOk())
        .andExpect(content().bytes(bundle(273 * 256, 5)));
  }

  @Test
  void bundleWithAnEntryOver65535BytesIs500NamingIt() throws Exception {
    mvc.perform(get("/tile/entries/001"))
        .andExpect(status().isInternalServerError())
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(
            content()
                .string(
                    "tile/entries/001 cannot be served: entry 1300 is 70000 bytes, and C2SP entry"
                        + " bundles hold entries of at most 65535 bytes; read it at"
                        + " /api/v1/log/entries?logIndex=1300\n"));
    // The hash tile of the same leaves is fine: only the bundle encoding has the limit.
    mvc.perform(get("/tile/0/001")).andExpect(status().isOk());
  }

  @Test
  void unexpectedFailureIs500WithoutDetail() throws Exception {
    when(reader.tiles(eq(TREE_ID), anyLong(), anyList()))
        .thenThrow(new IllegalStateException("secret SQL detail"));
    mvc.perform(get("/tile/0/000"))
        .andExpect(status().isInternalServerError())
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(content().string("internal error\n"));
  }

  @Test
  void databaseFaultIs503WithRetryAfterNot500() throws Exception {
    when(reader.tiles(eq(TREE_ID), anyLong(), anyList()))
        .thenThrow(
            new LogReadException(
                "tiles of tree 42",
                new SQLException("terminating connection due to administrator command", "57P01")));
    mvc.perform(get("/tile/0/000"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(content().string("the log's database is unavailable; retry later\n"));
  }

  @Test
  void vkeyIsTheEd25519KeyOfTheOrigin() throws Exception {
    // The bean is a mock; the real formatting is C2spCheckpointSignerTest's job.
    C2spCheckpointSigner real =
        new C2spCheckpointSigner(
            "log.test", PemLogSigner.of(new Ed25519PrivateKeyParameters(new byte[32], 0)), null);
    when(keys.tileVerifierKey("log.test")).thenReturn(real.verifierKey());
    mvc.perform(get("/vkey"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
        .andExpect(content().string(real.verifierKey().format() + "\n"));
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
