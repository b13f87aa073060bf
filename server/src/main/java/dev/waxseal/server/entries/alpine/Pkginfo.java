package dev.waxseal.server.entries.alpine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An APK's {@code .PKGINFO} ({@code key = value} lines) read as Rekor reads it with {@code
 * gopkg.in/ini.v1} and keeps {@code Section("").KeysHash()}: keys of the default section only, a
 * later value of a key replacing an earlier one, {@code #} and {@code ;} starting comments (also
 * inside a value), surrounding quotes removed.
 *
 * <p>Stateless.
 */
final class Pkginfo {
  private static final String DEFAULT_SECTION = "DEFAULT";

  /** Why a {@code .PKGINFO} could not be read. */
  static final class PkginfoException extends Exception {
    private static final long serialVersionUID = 1L;

    PkginfoException(String message) {
      super(message, null, false, false);
    }
  }

  private Pkginfo() {}

  /**
   * Parses {@code .PKGINFO}.
   *
   * @throws PkginfoException for a line without {@code =} or {@code :}, an empty key, or a value
   *     form this reader does not implement (continuation lines, multi-line quotes)
   */
  static Map<String, String> parse(byte[] content) throws PkginfoException {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean inDefault = true;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      if (line.charAt(0) == '[') {
        int close = line.indexOf(']');
        if (close < 0) {
          throw new PkginfoException("unclosed section: " + line);
        }
        String name = line.substring(1, close).strip();
        inDefault = name.isEmpty() || name.equals(DEFAULT_SECTION);
        continue;
      }
      if (line.charAt(0) == '"' || line.charAt(0) == '`') {
        throw new PkginfoException("quoted keys are not supported: " + line);
      }
      int delimiter = indexOfAny(line, "=:");
      if (delimiter < 0) {
        throw new PkginfoException("key-value delimiter not found: " + line);
      }
      String key = line.substring(0, delimiter).strip();
      if (key.isEmpty()) {
        throw new PkginfoException("empty key name");
      }
      String value = value(line.substring(delimiter + 1).strip());
      if (inDefault) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static String value(String value) throws PkginfoException {
    if (value.isEmpty()) {
      return value;
    }
    if (value.startsWith("\"\"\"") || value.charAt(0) == '`' || value.endsWith("\\")) {
      throw new PkginfoException("multi-line values are not supported: " + value);
    }
    String v = value;
    int comment = indexOfAny(v, "#;");
    if (comment >= 0) {
      v = v.substring(0, comment).strip();
    }
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
