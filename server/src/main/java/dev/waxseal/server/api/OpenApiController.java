package dev.waxseal.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves Waxseal's OpenAPI document (module {@code api-spec}) at {@code /api/v1/openapi.yaml}, so
 * clients can generate code from what the running server speaks.
 */
@RestController
final class OpenApiController {
  static final String RESOURCE = "/META-INF/waxseal/openapi.yaml";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath (waxseal-api-spec)");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping("/api/v1/openapi.yaml")
  ResponseEntity<byte[]> openApi() {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/yaml"))
        .body(document.clone());
  }
}
