package dev.waxseal.server.api.tiles;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the tile endpoints as plain text (never Rekor's JSON, never a stack trace): a bundle
 * holding an over-long entry is a 500 naming the entry; anything else a 500 with a stable message,
 * the cause going to the log. Applies to {@link TileController} only, ahead of any other advice.
 */
@RestControllerAdvice(assignableTypes = TileController.class)
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
