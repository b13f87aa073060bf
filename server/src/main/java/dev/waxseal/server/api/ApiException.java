package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses: each subclass is one outcome with its HTTP status. The message is
 * shown to the client as is, so it must never hold internal detail.
 */
abstract class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String clientMessage;

  ApiException(String message) {
    // Client input errors are expected and frequent: no stack trace.
    super(message, null, false, false);
    this.clientMessage = message;
  }

  /** The message the client gets. */
  String clientMessage() {
    return clientMessage;
  }

  /** The HTTP status of the response. */
  abstract HttpStatus status();

  /** A bounded label for logs and metrics. */
  String reason() {
    return getClass().getSimpleName();
  }
}
