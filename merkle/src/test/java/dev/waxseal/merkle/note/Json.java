package dev.waxseal.merkle.note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for test fixtures (merkle has no JSON library): objects become {@link Map},
 * arrays {@link List}, strings {@link String}, numbers their literal text, and {@code true}/{@code
 * false}/{@code null} {@link Boolean} or {@code null}.
 */
final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  static Object parse(String json) {
    Json reader = new Json(json);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.i != json.length()) {
      throw new IllegalArgumentException("trailing data at " + reader.i);
    }
    return value;
  }

  /** Every string value stored under {@code key}, anywhere in the tree, in document order. */
  static List<String> stringsNamed(Object tree, String key) {
    List<String> found = new ArrayList<>();
    collect(tree, key, found);
    return found;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    return (List<Object>) value;
  }

  private static void collect(Object tree, String key, List<String> found) {
    if (tree instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if (k.equals(key) && v instanceof String string) {
              found.add(string);
            }
            collect(v, key, found);
          });
    } else if (tree instanceof List<?> list) {
      list.forEach(v -> collect(v, key, found));
    }
  }

  private Object value() {
    skipSpace();
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        int start = i;
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        String literal = s.substring(start, i);
        return switch (literal) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          case "null" -> null;
          default -> literal;
        };
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    i++; // {
    skipSpace();
    if (s.charAt(i) == '}') {
      i++;
      return map;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (s.charAt(i++) == '}') {
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    i++; // [
    skipSpace();
    if (s.charAt(i) == ']') {
      i++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (s.charAt(i++) == ']') {
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) {
      throw new IllegalArgumentException("want '" + c + "' at " + (i - 1));
    }
  }

  private void skipSpace() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }
}
