package dev.waxseal.server.explorer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Serves the explorer: the home page at {@code /}, search results at {@code /search}, an entry at
 * {@code /entries/<uuid>} (64 or 80 hex digits), and the pages' files at {@code /explorer/<name>}.
 * The pages are the same bytes for every entry and query: their scripts read the public API.
 *
 * <p>Every response here, and only here, carries the explorer's strict Content-Security-Policy:
 * scripts, styles and requests from this origin only, no inline code, no framing. The API, tile and
 * actuator responses are left exactly as they were.
 */
@Controller
final class ExplorerController {
  /** No inline script or style, nothing from another origin, no framing, no plugins. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final ExplorerAssets assets;

  ExplorerController(
      @Value("${waxseal.tiles.prefix:}") String tilesPrefix,
      @Value("${waxseal.rekor-v2.enabled:false}") boolean v2Enabled,
      @Value("${waxseal.rekor-v2.tiles-prefix:}") String v2Prefix) {
    this.assets =
        new ExplorerAssets(
            Map.of("tilesPrefix", tilesPrefix, "v2Prefix", v2Enabled ? v2Prefix : ""));
  }

  @GetMapping("/")
  ResponseEntity<byte[]> home(
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String tag) {
    return serve(ExplorerAssets.HOME, tag);
  }

  @GetMapping("/search")
  ResponseEntity<byte[]> search(
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String tag) {
    return serve(ExplorerAssets.SEARCH, tag);
  }

  @GetMapping("/entries/{uuid:[0-9a-fA-F]{64}|[0-9a-fA-F]{80}}")
  ResponseEntity<byte[]> entry(
      @PathVariable String uuid,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String tag) {
    return serve(ExplorerAssets.ENTRY, tag);
  }

  @GetMapping("/explorer/{name:[a-z]+\\.[a-z]+}")
  ResponseEntity<byte[]> file(
      @PathVariable String name,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String tag) {
    return serve(name, tag);
  }

  /**
   * The file with the explorer's headers; 304 when the browser's copy is current. Browsers
   * revalidate every time (no-cache): the files are small, and a new server version shows at once.
   */
  private ResponseEntity<byte[]> serve(String name, @Nullable String ifNoneMatch) {
    return assets
        .get(name)
        .map(
            asset -> {
              boolean current = asset.etag().equals(ifNoneMatch);
              return headers(
                      ResponseEntity.status(current ? HttpStatus.NOT_MODIFIED : HttpStatus.OK))
                  .eTag(asset.etag())
                  .contentType(asset.type())
                  .body(current ? new byte[0] : asset.bytes());
            })
        .orElseGet(
            () ->
                headers(ResponseEntity.status(HttpStatus.NOT_FOUND))
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("no such file\n".getBytes(StandardCharsets.US_ASCII)));
  }

  private static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response) {
    return response
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY");
  }
}
