package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/** A search asks for more than {@link #MAX} items: 422, as Rekor. */
final class TooManyQueriesException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Rekor's {@code maxSearchQueries}. */
  static final int MAX = 10;

  TooManyQueriesException() {
    super(String.format(ApiMessages.MAX_SEARCH_QUERY_LIMIT, MAX));
  }

  @Override
  HttpStatus status() {
    return HttpStatus.UNPROCESSABLE_CONTENT;
  }
}
