package dev.waxseal.server.tsa;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * sigstore/timestamp-authority's HTTP API: {@code POST /api/v1/timestamp} (an RFC 3161 request as
 * {@code application/timestamp-query}, or its JSON form as {@code application/json}; answers {@code
 * application/timestamp-reply}) and {@code GET /api/v1/timestamp/certchain} (the PEM chain, {@code
 * application/pem-certificate-chain}).
 *
 * <p>Errors are timestamp-authority's: {@code {"code":N,"message":"…"}}, sent (as its go-openapi
 * server does) with the operation's content type {@code application/timestamp-reply}, except a body
 * whose media type the operation does not consume: 415 as {@code application/json}. The body is
 * read here, not by a message converter, so that no Spring content negotiation answers first.
 */
@RestController
@ConditionalOnProperty(prefix = "waxseal.tsa", name = "enabled", matchIfMissing = true)
class TsaController {
  static final String TIMESTAMP_PATH = "/api/v1/timestamp";
  static final String CERTCHAIN_PATH = "/api/v1/timestamp/certchain";
  static final String TIMESTAMP_QUERY = "application/timestamp-query";
  static final String TIMESTAMP_REPLY = "application/timestamp-reply";
  static final String PEM_CHAIN = "application/pem-certificate-chain";

  private static final Logger log = LoggerFactory.getLogger(TsaController.class);

  private final TimestampAuthority authority;
  private final TsaProperties properties;

  TsaController(TimestampAuthority authority, TsaProperties properties) {
    this.authority = authority;
    this.properties = properties;
  }

  @PostMapping(TIMESTAMP_PATH)
  ResponseEntity<byte[]> timestamp(HttpServletRequest request) throws IOException {
    byte[] body = readBody(request);
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    checkConsumed(contentType, body.length > 0);
    byte[] reply = authority.timestamp(body, contentType == null ? "" : contentType);
    return ResponseEntity.status(properties.useHttp201() ? 201 : 200)
        .header(HttpHeaders.CONTENT_TYPE, TIMESTAMP_REPLY)
        .body(reply);
  }

  @GetMapping(CERTCHAIN_PATH)
  ResponseEntity<byte[]> certChain() {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, PEM_CHAIN)
        .body(authority.certChainPem().getBytes(StandardCharsets.US_ASCII));
  }

  @ExceptionHandler(TsaException.class)
  ResponseEntity<byte[]> refused(TsaException e) {
    log.atWarn()
        .addKeyValue("status", e.status())
        .addKeyValue("detail", e.detail())
        .log("timestamp request refused: " + e.getMessage());
    String type =
        e.status() == 415 && e.detail().startsWith("unsupported media type")
            ? "application/json"
            : TIMESTAMP_REPLY;
    return ResponseEntity.status(e.status())
        .header(HttpHeaders.CONTENT_TYPE, type)
        .body(e.jsonBody().getBytes(StandardCharsets.UTF_8));
  }

  /** At most the configured size, as Go's {@code MaxBytesReader}: more is a 400. */
  private byte[] readBody(HttpServletRequest request) throws IOException {
    int max = properties.maxRequestBodySize();
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        throw TsaException.badRequest(
            TsaException.FAILED, "http: request body too large (over " + max + " bytes)");
      }
      return body;
    }
  }

  /**
   * go-openapi's check of a request with a body against the operation's {@code consumes}: the media
   * type (parameters aside, case-insensitive; none means {@code application/octet-stream}) must be
   * one of them.
   */
  private static void checkConsumed(String contentType, boolean hasBody) {
    if (!hasBody) {
      return;
    }
    String media =
        contentType == null || contentType.isBlank()
            ? "application/octet-stream"
            : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals(TIMESTAMP_QUERY) && !media.equals("application/json")) {
      String message =
          "unsupported media type \""
              + media
              + "\", only [application/timestamp-query application/json] are allowed";
      throw new TsaException(415, message, message);
    }
  }
}
