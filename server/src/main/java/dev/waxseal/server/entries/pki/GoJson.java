package dev.waxseal.server.entries.pki;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How Go's {@code encoding/json} maps JSON onto a struct, for the few rules that decide whether
 * Rekor accepts a document: member names match struct fields case-insensitively and the last match
 * wins; {@code null} leaves a field at its zero value; any other type mismatch fails the whole
 * {@code Unmarshal}.
 */
public final class GoJson {
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private GoJson() {}

  /**
   * The member Go would decode into field {@code name}: the last member whose name equals it
   * ignoring ASCII case; null if none, or if it is JSON {@code null}.
   */
  public static @Nullable JsonNode member(JsonNode object, String name) {
    JsonNode found = null;
    for (var property : object.properties()) {
      if (property.getKey().equalsIgnoreCase(name)) {
        found = property.getValue();
      }
    }
    return found == null || found.isNull() ? null : found;
  }

  /**
   * Decodes text as Go's {@code base64.StdEncoding.DecodeString}: standard alphabet, padding
   * required, CR and LF ignored.
   *
   * @return empty if the text is not such base64
   */
  public static Optional<byte[]> stdBase64(String text) {
    String compact =
        text.indexOf('\n') < 0 && text.indexOf('\r') < 0
            ? text
            : text.replace("\n", "").replace("\r", "");
    if (compact.length() % 4 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(compact));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True if Go can decode {@code node} (possibly absent or null) into a {@code string}. */
  public static boolean isString(@Nullable JsonNode node) {
    return node == null || node.isString();
  }

  /** True if Go can decode {@code node} into a {@code bool}. */
  static boolean isBoolean(@Nullable JsonNode node) {
    return node == null || node.isBoolean();
  }

  /** True if Go can decode {@code node} into a struct (absent, null or an object). */
  static boolean isObject(@Nullable JsonNode node) {
    return node == null || node.isObject();
  }

  /** True if Go can decode {@code node} into a slice (absent, null or an array). */
  static boolean isArray(@Nullable JsonNode node) {
    return node == null || node.isArray();
  }

  /** True if Go can decode {@code node} into a {@code map[string]string}. */
  static boolean isStringMap(@Nullable JsonNode node) {
    if (node == null) {
      return true;
    }
    if (!node.isObject()) {
      return false;
    }
    for (JsonNode value : node.values()) {
      if (!value.isNull() && !value.isString()) {
        return false;
      }
    }
    return true;
  }

  /** True if Go can decode {@code node} into a {@code *time.Time} (RFC 3339 text or null). */
  static boolean isTime(@Nullable JsonNode node) {
    if (node == null) {
      return true;
    }
    if (!node.isString() || !RFC3339.matcher(node.stringValue()).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(node.stringValue());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
