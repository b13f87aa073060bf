package dev.waxseal.server.api;

import java.util.regex.Pattern;

/**
 * Strict parsing of integer query parameters: plain decimal digits only, so {@code +5}, {@code
 * 007}, {@code 0x10} and {@code 1e3} are refused rather than guessed at. Messages use go-openapi's
 * wording, as Rekor's generated server does.
 */
final class QueryParameters {
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern TREE_ID = Pattern.compile("[0-9]+");

  private QueryParameters() {}

  /**
   * Parses {@code value} of query parameter {@code name} as an int64 of at least {@code minimum}.
   *
   * @throws BadRequestException naming the parameter and the rule it breaks
   */
  static long integer(String name, String value, long minimum) {
    if (!DECIMAL.matcher(value).matches()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "query", "integer");
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      if (value.startsWith("-")) {
        throw BadRequestException.format(ApiMessages.MINIMUM, name, "query", minimum);
      }
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "query", "int64");
    }
    if (parsed < minimum) {
      throw BadRequestException.format(ApiMessages.MINIMUM, name, "query", minimum);
    }
    return parsed;
  }

  /**
   * Parses a decimal tree id ({@code ^[0-9]+$}, a positive int64).
   *
   * @throws BadRequestException with Rekor's message if it is not one
   */
  static long treeId(String value) {
    if (!TREE_ID.matcher(value).matches()) {
      throw BadRequestException.format(ApiMessages.INVALID_TREE_ID, value);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw BadRequestException.format(ApiMessages.INVALID_TREE_ID, value);
    }
  }
}
