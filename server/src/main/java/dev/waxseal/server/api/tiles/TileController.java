package dev.waxseal.server.api.tiles;

import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TilePath;
import dev.waxseal.server.log.C2spCheckpoints;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.signing.C2spCheckpointSigner;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The C2SP tlog-tiles endpoints under {@code waxseal.tiles.prefix}: {@code /checkpoint}, {@code
 * /vkey}, {@code /tile/<L>/<N>[.p/<W>]} and {@code /tile/entries/<N>[.p/<W>]}.
 *
 * <p>Caching: the checkpoint for a second (C2SP: "a few seconds" at most); full tiles and bundles
 * for a year, {@code immutable}; partial ones for a minute (their bytes never change either, but a
 * short life bounds the damage of a misconfigured or replaced log); errors never.
 */
@RestController
class TileController {
  static final String CHECKPOINT_CACHE = "public, max-age=1";
  static final String VKEY_CACHE = "public, max-age=300";
  static final String FULL_CACHE = "public, max-age=31536000, immutable";
  static final String PARTIAL_CACHE = "public, max-age=60";
  static final String NO_STORE = "no-store";
  static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

  private final TileResources resources;
  private final C2spCheckpoints checkpoints;
  private final C2spCheckpointSigner signer;
  private final String prefix;

  TileController(
      LogReader reader,
      C2spCheckpoints checkpoints,
      C2spCheckpointSigner signer,
      @Value("${waxseal.tiles.prefix:}") String prefix) {
    this.resources = new TileResources(reader);
    this.checkpoints = checkpoints;
    this.signer = signer;
    this.prefix = prefix;
  }

  @GetMapping("${waxseal.tiles.prefix:}/checkpoint")
  ResponseEntity<byte[]> checkpoint() {
    return text(HttpStatus.OK, checkpoints.latest(), CHECKPOINT_CACHE);
  }

  @GetMapping("${waxseal.tiles.prefix:}/vkey")
  ResponseEntity<byte[]> vkey() {
    return text(HttpStatus.OK, signer.verifierKey().format() + "\n", VKEY_CACHE);
  }

  @GetMapping("${waxseal.tiles.prefix:}/tile/**")
  ResponseEntity<byte[]> tile(
      HttpServletRequest request,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
          @Nullable String acceptEncoding) {
    // The raw (still percent-encoded) path: only the canonical spelling of a tile is accepted.
    String uri = request.getRequestURI();
    String root = request.getContextPath() + prefix + "/";
    if (!uri.startsWith(root)) {
      return text(HttpStatus.BAD_REQUEST, "tile path is not in canonical form\n", NO_STORE);
    }
    TilePath tile;
    try {
      tile = TileGeometry.parse(uri.substring(root.length()));
    } catch (IllegalArgumentException e) {
      return text(HttpStatus.BAD_REQUEST, e.getMessage() + "\n", NO_STORE);
    }
    if (!tile.entries()) {
      return found(tile, resources.hashTile(tile), false);
    }
    Optional<byte[]> bundle = resources.entryBundle(tile);
    return found(tile, bundle, Gzip.accepted(acceptEncoding));
  }

  private static ResponseEntity<byte[]> found(TilePath tile, Optional<byte[]> bytes, boolean gzip) {
    if (bytes.isEmpty()) {
      return text(HttpStatus.NOT_FOUND, tile + " is beyond the current tree\n", NO_STORE);
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .header(
                HttpHeaders.CACHE_CONTROL,
                tile.width() == TileGeometry.WIDTH ? FULL_CACHE : PARTIAL_CACHE);
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
