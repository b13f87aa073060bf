package dev.waxseal.server.api;

import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.log.LogReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/index/retrieve} (Rekor's {@code searchIndex}): entry ids by artifact hash,
 * public key, email or subject, combined with {@code or} (the default: any criterion) or {@code
 * and} (all of them). Keys are looked up lower-cased, as they were written; they were written in
 * the entry's own transaction, so unlike Rekor's the results are complete.
 */
@Component
final class IndexSearch {
  private static final Logger log = LoggerFactory.getLogger(IndexSearch.class);

  /** Rekor's {@code SearchIndex.hash} pattern. */
  static final String HASH_PATTERN =
      "^(sha512:)?[0-9a-fA-F]{128}$|^(sha256:)?[0-9a-fA-F]{64}$|^(sha1:)?[0-9a-fA-F]{40}$";

  private static final Pattern HASH = Pattern.compile(HASH_PATTERN);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final int MAX_SUBJECT_LENGTH = 512;
  private static final List<String> FORMATS = List.of("pgp", "x509", "minisign", "ssh", "tuf");

  private final LogReader reader;
  private final EntryKinds kinds;

  IndexSearch(LogReader reader, EntryKinds kinds) {
    this.reader = reader;
    this.kinds = kinds;
  }

  /** The entry ids (80-hex) matching {@code query}, in index order. */
  List<String> search(JsonNode query) {
    if (!query.isObject()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, "query", "body", "object");
    }
    boolean and = operator(query);
    List<String> criteria = new ArrayList<>();
    String hash = string(query, "hash");
    if (hash != null) {
      criteria.add(hashKey(hash));
    }
    if (query.hasNonNull("publicKey")) {
      criteria.add(publicKeyKey(query.get("publicKey")));
    }
    String email = string(query, "email");
    if (email != null) {
      if (!EMAIL.matcher(email).matches()) {
        throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, "email", "body", "email");
      }
      criteria.add(email.toLowerCase(Locale.ROOT));
    }
    String subject = string(query, "subject");
    if (subject != null) {
      if (subject.isEmpty()) {
        throw BadRequestException.format(ApiMessages.MIN_LENGTH, "subject", "body", 1);
      }
      if (subject.length() > MAX_SUBJECT_LENGTH) {
        throw BadRequestException.format(
            ApiMessages.MAX_LENGTH, "subject", "body", MAX_SUBJECT_LENGTH);
      }
      criteria.add(subject.toLowerCase(Locale.ROOT));
    }
    if (criteria.isEmpty()) {
      return List.of();
    }
    Set<Position> result;
    if (and) {
      result = positions(List.of(criteria.get(0)));
      for (int i = 1; i < criteria.size() && !result.isEmpty(); i++) {
        result.retainAll(positions(List.of(criteria.get(i))));
      }
    } else {
      result = positions(criteria);
    }
    return result.stream()
        .sorted()
        .map(p -> reader.entryByIndex(p.treeId(), p.index()))
        .flatMap(java.util.Optional::stream)
        .map(e -> EntryId.format(e.treeId(), e.leafHash()))
        .toList();
  }

  /** An entry's place in the log. */
  private record Position(long treeId, long index) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      int byTree = Long.compare(treeId, o.treeId);
      return byTree != 0 ? byTree : Long.compare(index, o.index);
    }
  }

  private Set<Position> positions(List<String> keys) {
    Set<Position> found = new LinkedHashSet<>();
    for (long[] pair : reader.search(keys)) {
      found.add(new Position(pair[0], pair[1]));
    }
    return found;
  }

  private static boolean operator(JsonNode query) {
    String operator = string(query, "operator");
    if (operator == null || operator.isEmpty() || operator.equals("or")) {
      return false;
    }
    if (operator.equals("and")) {
      return true;
    }
    throw BadRequestException.format(ApiMessages.ENUM, "operator", "body", "[and or]");
  }

  /** Rekor's {@code util.PrefixSHA}: a bare hex digest gets its algorithm from its length. */
  static String hashKey(String hash) {
    if (!HASH.matcher(hash).matches()) {
      throw BadRequestException.format(ApiMessages.PATTERN, "hash", "body", HASH_PATTERN);
    }
    String key = hash;
    if (!hash.contains(":")) {
      key =
          switch (hash.length()) {
            case 40 -> "sha1:" + hash;
            case 128 -> "sha512:" + hash;
            default -> "sha256:" + hash;
          };
    }
    return key.toLowerCase(Locale.ROOT);
  }

  /**
   * The search key of a {@code publicKey} criterion, as the entry kinds wrote it: for x509 the hex
   * SHA-256 of the key's canonical PEM (how hashedrekord indexes a PKIX key or a certificate), for
   * tuf that of the root.json's canonical form (how tuf indexes its root).
   */
  private String publicKeyKey(JsonNode publicKey) {
    if (!publicKey.isObject()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, "publicKey", "body", "object");
    }
    String format = string(publicKey, "format");
    if (format == null) {
      throw BadRequestException.format(ApiMessages.REQUIRED, "publicKey.format", "body");
    }
    if (!FORMATS.contains(format)) {
      throw BadRequestException.format(
          ApiMessages.ENUM, "publicKey.format", "body", "[pgp x509 minisign ssh tuf]");
    }
    String content = string(publicKey, "content");
    if (content == null) {
      if (publicKey.hasNonNull("url")) {
        throw new BadRequestException(ApiMessages.PUBLIC_KEY_URL_UNSUPPORTED);
      }
      throw BadRequestException.format(ApiMessages.REQUIRED, "publicKey.content", "body");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.format(
          ApiMessages.MUST_BE_OF_TYPE, "publicKey.content", "body", "byte (base64)");
    }
    try {
      // The key as the kinds index it (SHA-256 of its canonical PEM for x509, of the root's
      // RFC 8785 form for tuf); a format no kind indexes is said to be unsupported rather than
      // found to match nothing.
      return kinds
          .publicKeySearchKey(format, key)
          .orElseThrow(() -> new BadRequestException(ApiMessages.UNSUPPORTED_PKI_FORMAT));
    } catch (InvalidEntryException e) {
      String detail = String.valueOf(e.getMessage());
      log.atInfo().addKeyValue("detail", detail).log("search key refused");
      throw new BadRequestException(ApiMessages.MALFORMED_PUBLIC_KEY + ": " + detail);
    }
  }

  private static @Nullable String string(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "body", "string");
    }
    return value.stringValue();
  }
}
