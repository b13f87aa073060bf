package dev.waxseal.server.api.tiles;

import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TilePath;
import dev.waxseal.server.log.C2spCheckpoints;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.signing.ShardKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The C2SP tlog-tiles endpoints of every shard, each its own C2SP log: the first shard under {@code
 * waxseal.tiles.prefix}, every later one under {@code <prefix>/<treeID>}; each has {@code
 * /checkpoint}, {@code /vkey}, {@code /tile/<L>/<N>[.p/<W>]} and {@code /tile/entries/<N>[.p/<W>]}.
 *
 * <p>Caching: the checkpoint of the active shard for a second (C2SP: "a few seconds" at most); full
 * tiles and bundles for a year, {@code immutable}; partial ones for a minute (their bytes never
 * change either, but a short life bounds the damage of a misconfigured or replaced log); errors
 * never. A frozen shard never changes again: its checkpoint and its last partial tiles are
 * immutable too.
 */
@RestController
class TileController {
  static final String CHECKPOINT_CACHE = "public, max-age=1";
  static final String VKEY_CACHE = "public, max-age=300";
  static final String FULL_CACHE = "public, max-age=31536000, immutable";
  static final String PARTIAL_CACHE = "public, max-age=60";
  static final String NO_STORE = "no-store";
  static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

  private final LogReader reader;
  private final TileResources resources;
  private final C2spCheckpoints checkpoints;
  private final ShardKeys keys;
  private final String prefix;

  TileController(
      LogReader reader,
      C2spCheckpoints checkpoints,
      ShardKeys keys,
      @Value("${waxseal.tiles.prefix:}") String prefix) {
    this.reader = reader;
    this.resources = new TileResources(reader);
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.prefix = prefix;
  }

  @GetMapping("${waxseal.tiles.prefix:}/checkpoint")
  ResponseEntity<byte[]> checkpoint() {
    return checkpoint(shard(""));
  }

  @GetMapping("${waxseal.tiles.prefix:}/{shard:[0-9]+}/checkpoint")
  ResponseEntity<byte[]> shardCheckpoint(@PathVariable("shard") String shard) {
    return checkpoint(shard("/" + shard));
  }

  @GetMapping("${waxseal.tiles.prefix:}/vkey")
  ResponseEntity<byte[]> vkey() {
    return vkey(shard(""));
  }

  @GetMapping("${waxseal.tiles.prefix:}/{shard:[0-9]+}/vkey")
  ResponseEntity<byte[]> shardVkey(@PathVariable("shard") String shard) {
    return vkey(shard("/" + shard));
  }

  @GetMapping("${waxseal.tiles.prefix:}/tile/**")
  ResponseEntity<byte[]> tile(
      HttpServletRequest request,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
          @Nullable String acceptEncoding) {
    return tile(shard(""), "", request, acceptEncoding);
  }

  @GetMapping("${waxseal.tiles.prefix:}/{shard:[0-9]+}/tile/**")
  ResponseEntity<byte[]> shardTile(
      @PathVariable("shard") String shard,
      HttpServletRequest request,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
          @Nullable String acceptEncoding) {
    return tile(shard("/" + shard), "/" + shard, request, acceptEncoding);
  }

  private Optional<Tree> shard(String tilePrefix) {
    Optional<Tree> known = find(reader.tree().trees(), tilePrefix);
    // A shard started by another process a moment ago is found after a refresh.
    return known.isPresent() ? known : find(reader.currentTrees(), tilePrefix);
  }

  private static Optional<Tree> find(java.util.List<Tree> trees, String tilePrefix) {
    return trees.stream().filter(t -> t.tilePrefix().equals(tilePrefix)).findFirst();
  }

  private ResponseEntity<byte[]> checkpoint(Optional<Tree> shard) {
    if (shard.isEmpty()) {
      return noSuchShard();
    }
    Tree tree = shard.get();
    return text(
        HttpStatus.OK, checkpoints.latest(tree), tree.active() ? CHECKPOINT_CACHE : FULL_CACHE);
  }

  private ResponseEntity<byte[]> vkey(Optional<Tree> shard) {
    if (shard.isEmpty()) {
      return noSuchShard();
    }
    String vkey = keys.tileVerifierKey(shard.get().tileOrigin()).format();
    return text(HttpStatus.OK, vkey + "\n", VKEY_CACHE);
  }

  private ResponseEntity<byte[]> tile(
      Optional<Tree> shard,
      String shardPath,
      HttpServletRequest request,
      @Nullable String acceptEncoding) {
    if (shard.isEmpty()) {
      return noSuchShard();
    }
    // The raw (still percent-encoded) path: only the canonical spelling of a tile is accepted.
    String uri = request.getRequestURI();
    String root = request.getContextPath() + prefix + shardPath + "/";
    if (!uri.startsWith(root)) {
      return text(HttpStatus.BAD_REQUEST, "tile path is not in canonical form\n", NO_STORE);
    }
    TilePath tile;
    try {
      tile = TileGeometry.parse(uri.substring(root.length()));
    } catch (IllegalArgumentException e) {
      return text(HttpStatus.BAD_REQUEST, e.getMessage() + "\n", NO_STORE);
    }
    boolean frozen = !shard.get().active();
    if (!tile.entries()) {
      return found(tile, resources.hashTile(shard.get(), tile), false, frozen);
    }
    Optional<byte[]> bundle = resources.entryBundle(shard.get(), tile);
    return found(tile, bundle, Gzip.accepted(acceptEncoding), frozen);
  }

  private static ResponseEntity<byte[]> noSuchShard() {
    return text(HttpStatus.NOT_FOUND, "no such shard\n", NO_STORE);
  }

  static ResponseEntity<byte[]> found(
      TilePath tile, Optional<byte[]> bytes, boolean gzip, boolean frozen) {
    if (bytes.isEmpty()) {
      return text(HttpStatus.NOT_FOUND, tile + " is beyond the current tree\n", NO_STORE);
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .header(
                HttpHeaders.CACHE_CONTROL,
                frozen || tile.width() == TileGeometry.WIDTH ? FULL_CACHE : PARTIAL_CACHE);
    if (!tile.entries()) {
      return response.body(bytes.get());
    }
    response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    if (!gzip) {
      return response.body(bytes.get());
    }
    return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(Gzip.compress(bytes.get()));
  }

  static ResponseEntity<byte[]> text(HttpStatus status, String body, String cacheControl) {
    return ResponseEntity.status(status)
        .contentType(TEXT)
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .body(body.getBytes(StandardCharsets.UTF_8));
  }
}
