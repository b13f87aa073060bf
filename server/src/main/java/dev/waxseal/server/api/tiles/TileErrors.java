package dev.waxseal.server.api.tiles;

import dev.waxseal.server.api.RetryAfter;
import dev.waxseal.server.log.CheckpointNotPublishedException;
import dev.waxseal.server.log.DatabaseFault;
import dev.waxseal.server.log.ShardArchivedException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the tile endpoints as plain text (never Rekor's JSON, never a stack trace): a bundle
 * holding an over-long entry is a 500 naming the entry; a checkpoint not yet witnessed and a
 * database fault are 503 with {@code Retry-After}; anything else a 500 with a stable message, the
 * cause going to the log. Applies to the tile controllers only (the v1 shards' and the Rekor v2
 * log's), ahead of any other advice.
 */
@RestControllerAdvice(assignableTypes = {TileController.class, RekorV2TileController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TileErrors {
  private static final Logger log = LoggerFactory.getLogger(TileErrors.class);

  /** What a read that met a database fault tells the client to wait (as the v1 API's reads). */
  private static final Duration READ_RETRY_AFTER = Duration.ofSeconds(1);

  @ExceptionHandler(EntryTooLargeException.class)
  ResponseEntity<byte[]> entryTooLarge(EntryTooLargeException e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .log("entry bundle not served: {}", e.getMessage());
    return TileController.text(
        HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage() + "\n", TileController.NO_STORE);
  }

  @ExceptionHandler(ShardArchivedException.class)
  ResponseEntity<byte[]> archived(ShardArchivedException e, HttpServletRequest request) {
    log.atDebug()
        .addKeyValue("path", request.getRequestURI())
        .log("entry bundle of an archived shard: 410");
    return TileController.text(HttpStatus.GONE, e.getMessage() + "\n", TileController.NO_STORE);
  }

  @ExceptionHandler(CheckpointNotPublishedException.class)
  ResponseEntity<byte[]> notPublished(
      CheckpointNotPublishedException e, HttpServletRequest request) {
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .log("no published checkpoint yet: 503: {}", e.getMessage());
    return retryLater("no checkpoint of the log has been witnessed yet\n", e.retryAfter());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
    if (DatabaseFault.of(e).isPresent()) {
      // The database is away (or its disk full; reads still work then): retry, never a 500.
      log.atWarn()
          .addKeyValue("path", request.getRequestURI())
          .setCause(e)
          .log("tile request met a database fault: 503");
      return retryLater("the log's database is unavailable; retry later\n", READ_RETRY_AFTER);
    }
    log.atError()
        .addKeyValue("path", request.getRequestURI())
        .setCause(e)
        .log("tile request failed");
    return TileController.text(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error\n", TileController.NO_STORE);
  }

  /** A plain-text 503 with {@code Retry-After} rounded as every API's ({@link RetryAfter}). */
  private static ResponseEntity<byte[]> retryLater(String message, Duration wait) {
    ResponseEntity<byte[]> text =
        TileController.text(HttpStatus.SERVICE_UNAVAILABLE, message, TileController.NO_STORE);
    return ResponseEntity.status(text.getStatusCode())
        .headers(text.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, RetryAfter.header(wait))
        .body(text.getBody());
  }
}
