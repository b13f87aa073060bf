package dev.waxseal.server.api;

import dev.waxseal.server.entries.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads request bodies as JSON trees within {@code waxseal.api.max-request-body-size}: a declared
 * length over the limit is refused before reading, and a body without one is cut off at the limit.
 * Parsing uses the entries' one mapper ({@link CanonicalJson}), which refuses trailing content.
 */
@Component
final class JsonBodyReader {
  private final long limit;

  JsonBodyReader(ApiProperties properties) {
    this.limit = properties.maxRequestBodySize().toBytes();
  }

  /** The configured limit in bytes. */
  long limit() {
    return limit;
  }

  /**
   * Reads and parses one JSON value.
   *
   * @param name the body's name in Rekor's openapi.yaml ({@code proposedEntry}, {@code entry},
   *     {@code query}), for messages
   * @param declaredLength the Content-Length, or -1 if unknown
   * @throws RequestTooLargeException over the limit
   * @throws BadRequestException for an empty body or malformed JSON
   */
  JsonNode read(String name, InputStream body, long declaredLength) {
    if (declaredLength > limit) {
      throw new RequestTooLargeException(limit);
    }
    byte[] bytes;
    try {
      bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    if (bytes.length > limit) {
      throw new RequestTooLargeException(limit);
    }
    if (isBlank(bytes)) {
      throw BadRequestException.format(ApiMessages.REQUIRED, name, "body");
    }
    try {
      return CanonicalJson.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.format(
          ApiMessages.PARSING_BODY_FAILED, name, describe(String.valueOf(e.getMessage())));
    }
  }

  /**
   * What is wrong with the JSON, for the client: the parser's own description when it is about the
   * text ("Unexpected end-of-input: expected close marker for Object"), cut before its source
   * location, which names parser internals; a fixed phrase where the parser would name its classes.
   */
  static String describe(String parserMessage) {
    if (parserMessage.contains("Trailing token")) {
      return "invalid JSON: more than one JSON value";
    }
    String message = parserMessage;
    for (String marker : new String[] {" (start marker at", " at [Source", "\n"}) {
      int at = message.indexOf(marker);
      if (at >= 0) {
        message = message.substring(0, at);
      }
    }
    if (message.contains("`") || message.contains("jackson")) {
      return "invalid JSON";
    }
    return message.strip();
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
