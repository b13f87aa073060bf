package dev.waxseal.server.api;

/**
 * Every message the API returns to clients, in one place (as Rekor's {@code pkg/api/error.go}).
 * Where Rekor has a message, it is Rekor's wording, since clients and tests match on it; parameter
 * checks use go-openapi's wording, which is what Rekor's generated server answers with.
 */
final class ApiMessages {
  private ApiMessages() {}

  // Rekor's pkg/api/error.go constants.
  static final String ENTRY_ALREADY_EXISTS =
      "an equivalent entry already exists in the transparency log with UUID %s";
  static final String FIRST_SIZE_GREATER_THAN_LAST_SIZE =
      "firstSize(%d) must be less than lastSize(%d)";
  static final String LAST_SIZE_GREATER_THAN_KNOWN =
      "the tree size requested(%d) was greater than what is currently observable(%d)";
  static final String MALFORMED_PUBLIC_KEY = "public key provided could not be parsed";
  static final String UNSUPPORTED_PKI_FORMAT =
      "the PKI format requested is not supported by this server";
  static final String MAX_SEARCH_QUERY_LIMIT = "more than max allowed %d entries in request";
  static final String INCORRECTLY_FORMATTED_UUID = "incorrectly formatted uuid %s";
  static final String INVALID_ENTRY_ID = "invalid entryID %s";
  static final String INVALID_TREE_ID = "invalid tree ID specified: %s";
  static final String UNKNOWN_TREE_ID = "no log range found for tree ID %d";
  static final String REQUEST_TOO_LARGE = "Request Entity Too Large. Limit set to %d";

  // go-openapi's parameter and body validation wording.
  static final String REQUIRED = "%s in %s is required";
  static final String MUST_BE_OF_TYPE = "%s in %s must be of type %s";
  static final String MINIMUM = "%s in %s should be greater than or equal to %d";
  static final String PATTERN = "%s in %s should match '%s'";
  static final String ENUM = "%s in %s should be one of %s";
  static final String MIN_ITEMS = "%s in %s should have at least %d items";
  static final String MIN_LENGTH = "%s in %s should be at least %d chars long";
  static final String MAX_LENGTH = "%s in %s should be at most %d chars long";
  static final String PARSING_BODY_FAILED = "parsing %s body failed, because %s";

  // Waxseal's own.
  static final String ENTRY_NOT_FOUND = "no entry found for %s";
  static final String ENTRY_INDEX_NOT_FOUND = "no entry found at logIndex %d";
  static final String SHARD_ARCHIVED =
      "the entry is in shard %d, whose entries were archived: this log no longer serves them"
          + " (the shard's checkpoint and consistency proofs are still served)";
  static final String PUBLIC_KEY_URL_UNSUPPORTED =
      "publicKey.url is not supported by this server; send the key as publicKey.content";

  /** Fail-closed witnessing, before the witnesses cosigned a checkpoint; %d is seconds. */
  static final String CHECKPOINT_NOT_PUBLISHED =
      "no checkpoint of the log has been witnessed yet; retry after %d s";

  static final String LOG_OVERLOADED =
      "the log has too many entries waiting to be integrated; retry after %d seconds";
  static final String DATABASE_UNAVAILABLE =
      "the log's database is unavailable; retry after %d seconds";
  static final String COMMIT_OUTCOME_UNKNOWN =
      "the log's database did not confirm whether the entry was stored; retry after %d seconds:"
          + " if it was stored, the retry answers 409 with its location";
  static final String STORAGE_FULL =
      "the log's database is out of disk space; the entry was not logged, retry after %d seconds";
  static final String APPEND_FAILED =
      "the entry could not be added to the transparency log; it was not logged, try again";
  static final String UNEXPECTED = "unexpected error communicating with transparency log";
  static final String NOT_FOUND = "path %s was not found";
  static final String METHOD_NOT_ALLOWED = "method %s is not allowed on %s; allowed: %s";
  static final String UNSUPPORTED_MEDIA_TYPE =
      "unsupported media type %s; send Content-Type: application/json";
  static final String NOT_ACCEPTABLE = "cannot produce a response matching the Accept header";
}
