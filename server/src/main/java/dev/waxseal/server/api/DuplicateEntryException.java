package dev.waxseal.server.api;

import org.springframework.http.HttpStatus;

/** An equal entry is already in the active tree: 409 with the existing entry's Location. */
final class DuplicateEntryException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final String location;

  DuplicateEntryException(String entryId, String location) {
    super(String.format(ApiMessages.ENTRY_ALREADY_EXISTS, entryId));
    this.location = location;
  }

  /** Where the existing entry can be read. */
  String location() {
    return location;
  }

  @Override
  HttpStatus status() {
    return HttpStatus.CONFLICT;
  }
}
