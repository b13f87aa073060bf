package dev.waxseal.server.entries;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.GoJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields the package kinds (rpm, alpine, helm) share in their proposed specs: inline
 * base64 content, URL fields that must be refused, optional sub-objects and an optional sha256
 * hash. Each failure is a {@link Reason#MALFORMED_ENTRY} with Rekor's wording.
 */
public final class SpecFields {
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

  private SpecFields() {}

  /**
   * Refuses a non-null {@code url} member of {@code parent}: a log server never fetches content on
   * a client's behalf.
   *
   * @param path the parent's path for the message, e.g. {@code package}
   * @param instead the field the client should send instead, e.g. {@code package.content}
   */
  public static void refuseUrl(JsonNode parent, String path, String instead) {
    JsonNode url = parent.get("url");
    if (url != null && !url.isNull()) {
      throw malformed(
          path
              + ".url is not supported: this log never fetches content from URLs; send "
              + instead
              + " (base64) instead");
    }
  }

  /** The decoded standard base64 {@code content} member of {@code parent}; empty if absent. */
  public static byte[] content(JsonNode parent, String what) {
    JsonNode node = parent.get("content");
    if (node == null || !node.isString() || node.stringValue().isEmpty()) {
      return new byte[0];
    }
    return GoJson.stdBase64(node.stringValue())
        .orElseThrow(
            () -> malformed("failed parsing base64 data for " + what + ": illegal base64 data"));
  }

  /** The member {@code name} of {@code parent} if it is an object. */
  public static @Nullable JsonNode object(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && node.isObject() ? node : null;
  }

  /**
   * The lower-case hex value of an optional {@code hash {algorithm: sha256, value}} member of
   * {@code parent} (named {@code path} in messages), or null if there is none.
   */
  public static @Nullable String sha256Hash(JsonNode parent, String path) {
    JsonNode hash = object(parent, "hash");
    if (hash == null) {
      return null;
    }
    JsonNode algorithm = hash.get("algorithm");
    JsonNode value = hash.get("value");
    if (algorithm == null || !algorithm.isString()) {
      throw malformed(path + ".hash.algorithm in body is required");
    }
    if (!"sha256".equals(algorithm.stringValue())) {
      throw malformed(path + ".hash.algorithm in body should be one of [sha256]");
    }
    if (value == null || !value.isString()) {
      throw malformed(path + ".hash.value in body is required");
    }
    if (!SHA256_HEX.matcher(value.stringValue()).matches()) {
      throw malformed("invalid value for hash");
    }
    return value.stringValue();
  }

  /**
   * The {@code publicKey} and inline {@code package} of an rpm or alpine spec.
   *
   * @param publicKey the decoded key bytes, as sent
   * @param content the decoded package bytes
   * @param sha256 lower-case hex SHA-256 of {@code content} (equal to a client-sent hash)
   */
  @SuppressWarnings("ArrayRecordComponent") // short-lived parse result, never compared
  public record KeyAndPackage(byte[] publicKey, byte[] content, String sha256) {}

  /**
   * Reads {@code publicKey.content} and {@code package.content} (URLs refused), checks an optional
   * {@code package.hash} against the content, with Rekor's messages.
   */
  public static KeyAndPackage keyAndPackage(JsonNode spec) {
    JsonNode publicKey = object(spec, "publicKey");
    JsonNode pkg = object(spec, "package");
    if (publicKey == null) {
      throw malformed("publicKey in body is required");
    }
    if (pkg == null) {
      throw malformed("package in body is required");
    }
    refuseUrl(pkg, "package", "package.content");
    refuseUrl(publicKey, "publicKey", "publicKey.content");
    byte[] key = content(publicKey, "publicKey content");
    byte[] content = content(pkg, "package content");
    if (key.length == 0) {
      throw malformed("'content' must be specified for publicKey");
    }
    String hash = sha256Hash(pkg, "package");
    if (hash == null && content.length == 0) {
      throw malformed("'content' must be specified for package");
    }
    if (content.length == 0) {
      throw malformed("entry not insertable into log: missing package content");
    }
    String computed = HexFormat.of().formatHex(Rfc6962.sha256(content));
    if (hash != null && !hash.equals(computed)) {
      throw malformed("SHA mismatch: " + computed + " != " + hash);
    }
    return new KeyAndPackage(key, content, computed);
  }

  /**
   * The stored {@code publicKey.content} (the canonical key) of an rpm or alpine spec.
   *
   * @throws InvalidEntryException if it is absent
   */
  public static byte[] storedPublicKey(JsonNode spec) {
    JsonNode publicKey = object(spec, "publicKey");
    byte[] key = publicKey == null ? new byte[0] : content(publicKey, "publicKey content");
    if (key.length == 0) {
      throw malformed("a stored spec has publicKey.content");
    }
    return key;
  }

  /**
   * The search keys of a stored rpm or alpine entry, as {@link #packageEntry} gave them: the body
   * keeps the canonical key and {@code package.hash}.
   */
  public static List<String> storedPackageKeys(
      JsonNode spec, byte[] canonicalKey, List<String> subjects) {
    JsonNode pkg = object(spec, "package");
    String sha256 = pkg == null ? null : sha256Hash(pkg, "package");
    if (sha256 == null) {
      throw malformed("a stored spec has package.hash");
    }
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HexFormat.of().formatHex(Rfc6962.sha256(canonicalKey)));
    searchKeys.addAll(subjects);
    searchKeys.add("sha256:" + sha256);
    return searchKeys;
  }

  /**
   * The canonical entry of a verified rpm or alpine package, as Rekor stores it: {@code
   * spec.package {hash, <metadataName>: metadata}} and {@code spec.publicKey.content}; search keys
   * the key's SHA-256 (hex, unprefixed), its subjects and {@code sha256:<package>}.
   */
  public static CanonicalEntry packageEntry(
      String kind,
      String apiVersion,
      byte[] canonicalKey,
      List<String> subjects,
      String sha256,
      String metadataName,
      Map<String, String> metadata) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode values = nodes.objectNode();
    metadata.forEach(values::put);
    ObjectNode pkg = nodes.objectNode();
    pkg.set("hash", nodes.objectNode().put("algorithm", "sha256").put("value", sha256));
    pkg.set(metadataName, values);
    ObjectNode spec = nodes.objectNode();
    spec.set("package", pkg);
    spec.set(
        "publicKey",
        nodes.objectNode().put("content", Base64.getEncoder().encodeToString(canonicalKey)));
    ObjectNode entry = nodes.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    entry.set("spec", spec);
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HexFormat.of().formatHex(Rfc6962.sha256(canonicalKey)));
    searchKeys.addAll(subjects);
    searchKeys.add("sha256:" + sha256);
    return CanonicalEntry.of(kind, apiVersion, CanonicalJson.canonicalize(entry), searchKeys);
  }

  private static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
