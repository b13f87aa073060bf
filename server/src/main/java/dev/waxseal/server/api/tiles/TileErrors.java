package dev.waxseal.server.api.tiles;

import dev.waxseal.server.log.CheckpointNotPublishedException;
import dev.waxseal.server.log.ShardArchivedException;
import jakarta.servlet.http.HttpServletRequest;
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
 * holding an over-long entry is a 500 naming the entry; anything else a 500 with a stable message,
 * the cause going to the log. Applies to the tile controllers only (the v1 shards' and the Rekor v2
 * log's), ahead of any other advice.
 */
@RestControllerAdvice(assignableTypes = {TileController.class, RekorV2TileController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TileErrors {
  private static final Logger log = LoggerFactory.getLogger(TileErrors.class);

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
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    log.atWarn()
        .addKeyValue("path", request.getRequestURI())
        .log("no published checkpoint yet: 503: {}", e.getMessage());
    ResponseEntity<byte[]> text =
        TileController.text(
            HttpStatus.SERVICE_UNAVAILABLE,
            "no checkpoint of the log has been witnessed yet\n",
            TileController.NO_STORE);
    return ResponseEntity.status(text.getStatusCode())
        .headers(text.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(text.getBody());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
    log.atError()
        .addKeyValue("path", request.getRequestURI())
        .setCause(e)
        .log("tile request failed");
    return TileController.text(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error\n", TileController.NO_STORE);
  }
}
