package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/** No entry has the requested index or id: 404. */
final class EntryNotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  EntryNotFoundException(String message) {
    super(message);
  }

  @Override
  HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }
}
