package dev.waxseal.client.monitor;

import dev.waxseal.client.entries.DecodedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What to look for in every entry: identities (SAN emails and URIs, OIDC issuers), key
 * fingerprints, artifact digests and in-toto subjects.
 *
 * <p>Emails, URIs and issuers match exactly, or, written {@code /…/}, as a Java regular expression
 * over the whole value. Fingerprints (hex SHA-256 of a key's DER SPKI), digests and subjects
 * ({@code <alg>:<hex>}) match exactly, ignoring case.
 */
public final class WatchList {
  /** The watch file's list names, in the order findings are reported. */
  public static final List<String> FIELDS =
      List.of("emails", "uris", "issuers", "fingerprints", "digests", "subjects");

  private final Map<String, List<Predicate<String>>> rules;
  private final int size;

  private WatchList(Map<String, List<Predicate<String>>> rules, int size) {
    this.rules = rules;
    this.size = size;
  }

  /** The empty watch list: every entry is still verified, nothing is reported. */
  public static WatchList empty() {
    return of(Map.of());
  }

  /**
   * Builds a watch list from lists named as in {@link #FIELDS}.
   *
   * @throws IllegalArgumentException on an unknown list name, a bad regex, or a malformed digest
   */
  public static WatchList of(Map<String, List<String>> lists) {
    for (String name : lists.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown watch list \"" + name + "\", want one of " + FIELDS);
      }
    }
    Map<String, List<Predicate<String>>> rules = new java.util.LinkedHashMap<>();
    int size = 0;
    for (String field : FIELDS) {
      List<Predicate<String>> predicates = new ArrayList<>();
      for (String value : lists.getOrDefault(field, List.of())) {
        predicates.add(rule(field, value));
        size++;
      }
      rules.put(field, List.copyOf(predicates));
    }
    return new WatchList(rules, size);
  }

  /** How many items are watched. */
  public int size() {
    return size;
  }

  /** Every (field, value) of {@code entry} that a rule matches, in field order. */
  public List<Match> matches(DecodedEntry entry) {
    if (size == 0) {
      return List.of();
    }
    List<Match> matches = new ArrayList<>();
    for (String field : FIELDS) {
      List<Predicate<String>> predicates = rules.getOrDefault(field, List.of());
      if (predicates.isEmpty()) {
        continue;
      }
      for (String value : values(entry, field)) {
        for (Predicate<String> predicate : predicates) {
          if (predicate.test(value)) {
            matches.add(new Match(field, value));
            break;
          }
        }
      }
    }
    return matches;
  }

  /** One watched value found in an entry. */
  public record Match(String field, String value) {}

  private static Set<String> values(DecodedEntry entry, String field) {
    return switch (field) {
      case "emails" -> entry.emails();
      case "uris" -> entry.uris();
      case "issuers" -> entry.issuers();
      case "fingerprints" -> entry.fingerprints();
      case "digests" -> entry.digests();
      case "subjects" -> entry.subjects();
      default -> throw new IllegalStateException("unknown field " + field);
    };
  }

  private static Predicate<String> rule(String field, String value) {
    boolean identity = field.equals("emails") || field.equals("uris") || field.equals("issuers");
    if (identity) {
      if (value.length() >= 2 && value.startsWith("/") && value.endsWith("/")) {
        try {
          Pattern pattern = Pattern.compile(value.substring(1, value.length() - 1));
          return candidate -> pattern.matcher(candidate).matches();
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              field + ": bad regular expression " + value + ": " + e.getDescription(), e);
        }
      }
      return value::equals;
    }
    String wanted = value.toLowerCase(Locale.ROOT);
    if (field.equals("fingerprints")) {
      if (!wanted.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "fingerprints: " + value + " is not 64 hex digits (SHA-256 of the DER SPKI)");
      }
    } else if (!wanted.matches("[a-z0-9_-]+:[0-9a-f]+")) {
      throw new IllegalArgumentException(
          field + ": " + value + " is not <alg>:<hex>, e.g. sha256:ab12…");
    }
    return wanted::equals;
  }
}
