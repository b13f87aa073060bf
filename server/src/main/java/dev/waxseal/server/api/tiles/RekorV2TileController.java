package dev.waxseal.server.api.tiles;

import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TilePath;
import dev.waxseal.server.log.RekorV2Log;
import dev.waxseal.server.log.Tree;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The C2SP tile API of the Rekor v2 log (rekor-tiles serves these reads from its bucket): {@code
 * /checkpoint}, {@code /tile/<L>/<N>[.p/<W>]} and {@code /tile/entries/<N>[.p/<W>]}, whose bundles
 * hold the 0.0.2 canonical bodies. Mapped under {@code waxseal.rekor-v2.tiles-prefix}; {@link
 * RekorV2HostRouting} sends requests for the log's own host name here too, at the root, as clients
 * expect of a log whose base URL is {@code https://<hostname>}.
 */
@RestController
@ConditionalOnProperty(name = "waxseal.rekor-v2.enabled", havingValue = "true")
class RekorV2TileController {
  private final RekorV2Log log;
  private final TileResources resources;
  private final String prefix;

  RekorV2TileController(RekorV2Log log, @Value("${waxseal.rekor-v2.tiles-prefix}") String prefix) {
    this.log = log;
    this.resources = new TileResources(log.reader());
    this.prefix = prefix;
  }

  @GetMapping("${waxseal.rekor-v2.tiles-prefix}/checkpoint")
  ResponseEntity<byte[]> checkpoint() {
    return TileController.text(
        HttpStatus.OK, log.checkpoints().latest(active()), TileController.CHECKPOINT_CACHE);
  }

  @GetMapping("${waxseal.rekor-v2.tiles-prefix}/tile/**")
  ResponseEntity<byte[]> tile(
      HttpServletRequest request,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
          @Nullable String acceptEncoding) {
    String uri = request.getRequestURI();
    String root = request.getContextPath() + prefix + "/";
    if (!uri.startsWith(root)) {
      return TileController.text(
          HttpStatus.BAD_REQUEST, "tile path is not in canonical form\n", TileController.NO_STORE);
    }
    TilePath tile;
    try {
      tile = TileGeometry.parse(uri.substring(root.length()));
    } catch (IllegalArgumentException e) {
      return TileController.text(
          HttpStatus.BAD_REQUEST, e.getMessage() + "\n", TileController.NO_STORE);
    }
    Tree tree = active();
    if (!tile.entries()) {
      return TileController.found(tile, resources.hashTile(tree, tile), false, false);
    }
    Optional<byte[]> bundle = resources.entryBundle(tree, tile);
    return TileController.found(tile, bundle, Gzip.accepted(acceptEncoding), false);
  }

  private Tree active() {
    return log.tree().active();
  }
}
