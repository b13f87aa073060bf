package dev.waxseal.merkle.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict parser of C2SP tlog-tiles paths, for the HTTP tile API: {@code tile/<L>/<N>[.p/<W>]} and
 * {@code tile/entries/<N>[.p/<W>]}. Only the canonical spelling of a tile is accepted, so each tile
 * has exactly one URL (cacheable, and no aliasing of partial and full tiles).
 */
final class TilePathParser {
  private static final String PREFIX = "tile/";
  private static final String PARTIAL = ".p";
  private static final int MAX_GROUPS = 7; // 2^63 - 1 has 19 digits

  private final String path;

  private TilePathParser(String path) {
    this.path = path;
  }

  static TilePath parse(String path) {
    return new TilePathParser(path).parse();
  }

  private TilePath parse() {
    if (!path.startsWith(PREFIX)) {
      throw error("does not start with \"tile/\"");
    }
    List<String> parts = Arrays.asList(path.substring(PREFIX.length()).split("/", -1));
    if (parts.size() < 2) {
      throw error("needs a level and an index");
    }
    boolean entries = parts.get(0).equals("entries");
    int level = entries ? 0 : parseLevel(parts.get(0));
    List<String> rest = parts.subList(1, parts.size());
    int width = TileGeometry.WIDTH;
    int last = rest.size() - 1;
    if (last >= 1 && rest.get(last - 1).endsWith(PARTIAL)) {
      width = parseWidth(rest.get(last));
      rest = rest.subList(0, last);
      last--;
      String group = rest.get(last);
      rest = new ArrayList<>(rest);
      rest.set(last, group.substring(0, group.length() - PARTIAL.length()));
    }
    if (rest.get(last).endsWith(PARTIAL)) {
      throw error("no partial width after \".p\"");
    }
    return new TilePath(entries, level, parseIndex(rest), width);
  }

  private int parseLevel(String text) {
    if (!isCanonicalDecimal(text, 2) || Integer.parseInt(text) > TileId.MAX_LEVEL) {
      throw error("level \"" + text + "\" is not a decimal in 0..63 without leading zeros");
    }
    return Integer.parseInt(text);
  }

  private int parseWidth(String text) {
    if (!isCanonicalDecimal(text, 3)
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) >= TileGeometry.WIDTH) {
      throw error(
          "partial width \"" + text + "\" is not a decimal in 1..255 without leading zeros");
    }
    return Integer.parseInt(text);
  }

  private long parseIndex(List<String> groups) {
    if (groups.size() > MAX_GROUPS) {
      throw error("index has " + groups.size() + " groups, at most " + MAX_GROUPS);
    }
    long index = 0;
    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i);
      boolean isLast = i == groups.size() - 1;
      String digits = isLast ? group : group.startsWith("x") ? group.substring(1) : "";
      if (digits.length() != 3 || !digits.chars().allMatch(TilePathParser::isDigit)) {
        throw error(
            "index group \""
                + group
                + "\" is not "
                + (isLast ? "3 digits" : "\"x\" and 3 digits")
                + " (all but the last group start with \"x\")");
      }
      if (i == 0 && !isLast && digits.equals("000")) {
        throw error("index starts with the zero group \"" + group + "\"");
      }
      try {
        index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(digits));
      } catch (ArithmeticException e) {
        throw error("index does not fit in 63 bits");
      }
    }
    return index;
  }

  /** Digits only, 1 to {@code maxDigits} of them, no leading zero unless the value is 0. */
  private static boolean isCanonicalDecimal(String text, int maxDigits) {
    return !text.isEmpty()
        && text.length() <= maxDigits
        && text.chars().allMatch(TilePathParser::isDigit)
        && (text.length() == 1 || text.charAt(0) != '0');
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException error(String rule) {
    return new IllegalArgumentException("tile path \"" + path + "\": " + rule);
  }
}
