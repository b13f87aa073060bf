package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/** The request body is over {@code waxseal.api.max-request-body-size}: 413. */
final class RequestTooLargeException extends ApiException {
  private static final long serialVersionUID = 1L;

  RequestTooLargeException(long limit) {
    super(String.format(ApiMessages.REQUEST_TOO_LARGE, limit));
  }

  @Override
  HttpStatus status() {
    return HttpStatus.CONTENT_TOO_LARGE;
  }
}
