package dev.waxseal.client.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the client, and strict field access whose errors name the field: a log
 * that omits a required field or sends the wrong type is answering something other than the API.
 */
public final class Json {
  /** The shared, thread-safe mapper. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Parses {@code bytes} as JSON, naming {@code what} on failure. */
  public static JsonNode parse(byte[] bytes, String what) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The string member {@code name} of {@code node}. */
  public static String string(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("missing string field \"" + name + "\"");
    }
    return value.stringValue();
  }

  /** The integer member {@code name} of {@code node}. */
  public static long integer(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException("missing integer field \"" + name + "\"");
    }
    return value.longValue();
  }
}
