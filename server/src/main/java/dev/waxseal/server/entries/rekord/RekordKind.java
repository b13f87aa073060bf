package dev.waxseal.server.entries.rekord;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rekord} 0.0.1, as Rekor v1's {@code pkg/types/rekord/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.signature {format, content, publicKey.content}} and {@code
 * spec.data.content} (all base64), optionally {@code spec.data.hash {algorithm: sha256, value}},
 * which must then equal the content's SHA-256 as lower-case hex. The signature is verified over the
 * whole content. The stored body keeps the format, the signature and key in Rekor's canonical
 * encoding for the format, and {@code data.hash}; the content is never stored. URLs ({@code
 * data.url}, {@code signature.url}, {@code signature.publicKey.url}) are refused: a log server
 * makes no outbound requests.
 *
 * <p>Search keys: the hex SHA-256 of the canonical key (no prefix, as Rekor), the key's subjects
 * (certificate SANs, PGP user-ID emails), and {@code sha256:<hash>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class RekordKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "rekord";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final Map<String, SignatureFormat> formats;

  /**
   * Creates the kind with all four formats.
   *
   * @param keys the cache of parsed X.509 keys to use
   */
  public RekordKind(X509PublicKeyCache keys) {
    Map<String, SignatureFormat> map = new LinkedHashMap<>();
    for (SignatureFormat f :
        List.of(new PgpFormat(), new MinisignFormat(), new X509Format(keys), new SshFormat())) {
      map.put(f.name(), f);
    }
    this.formats = Map.copyOf(map);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Optional<String> publicKeySearchKey(String format, byte[] publicKey) {
    SignatureFormat signatureFormat = formats.get(format);
    if (signatureFormat == null) {
      return Optional.empty();
    }
    return Optional.of(HEX.formatHex(Rfc6962.sha256(signatureFormat.canonicalKey(publicKey))));
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    refuseUrls(spec);
    JsonNode signature = object(spec, "signature");
    JsonNode data = object(spec, "data");
    if (signature == null) {
      throw malformed("signature in body is required");
    }
    if (data == null) {
      throw malformed("data in body is required");
    }
    JsonNode formatNode = signature.get("format");
    if (formatNode == null || !formatNode.isString()) {
      throw malformed("signature.format in body is required");
    }
    SignatureFormat format = formats.get(formatNode.stringValue());
    if (format == null) {
      throw malformed("signature.format in body should be one of [pgp minisign x509 ssh]");
    }
    byte[] signatureBytes = SpecFields.content(signature, "signature content");
    JsonNode publicKey = object(signature, "publicKey");
    byte[] keyBytes =
        publicKey == null
            ? new byte[0]
            : SpecFields.content(publicKey, "signature publicKey content");
    byte[] artifact = SpecFields.content(data, "data content");
    String hash = hash(data);
    if (signatureBytes.length == 0) {
      throw malformed("'content' must be specified for signature");
    }
    if (publicKey == null) {
      throw malformed("missing public key");
    }
    if (keyBytes.length == 0) {
      throw malformed("'content' must be specified for publicKey");
    }
    if (artifact.length == 0) {
      throw malformed(
          hash == null
              ? "'content' must be specified for data"
              : "entry not insertable into log: missing data content");
    }
    String computed = HEX.formatHex(Rfc6962.sha256(artifact));
    if (hash != null && !computed.equals(hash)) {
      throw malformed(
          "SHA mismatch: "
              + computed
              + " != "
              + hash
              + " (data.hash.value must be the lower-case hex SHA-256 of data.content)");
    }
    SignatureFormat.Verified verified = format.verify(keyBytes, signatureBytes, artifact);
    byte[] body = CanonicalJson.canonicalize(body(format.name(), verified, computed));
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(verified.canonicalKey())));
    searchKeys.addAll(verified.subjects());
    searchKeys.add("sha256:" + computed);
    return CanonicalEntry.of(KIND, API_VERSION, body, searchKeys);
  }

  /**
   * The stored spec keeps the canonical key and {@code data.hash} (the artifact is not stored):
   * both keys and the hash key, as Rekor's {@code IndexKeys()} reads them from the same fields.
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    JsonNode signature = object(spec, "signature");
    JsonNode data = object(spec, "data");
    JsonNode publicKey = signature == null ? null : object(signature, "publicKey");
    if (signature == null || data == null || publicKey == null) {
      throw malformed("a stored rekord spec has signature.publicKey and data");
    }
    JsonNode formatNode = signature.get("format");
    SignatureFormat format =
        formatNode == null || !formatNode.isString() ? null : formats.get(formatNode.stringValue());
    if (format == null) {
      throw malformed("signature.format in body should be one of [pgp minisign x509 ssh]");
    }
    byte[] key = SpecFields.content(publicKey, "signature publicKey content");
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(format.canonicalKey(key))));
    searchKeys.addAll(format.subjects(key));
    String hash = hash(data);
    if (hash != null) {
      searchKeys.add("sha256:" + hash);
    }
    return searchKeys;
  }

  private static void refuseUrls(JsonNode spec) {
    JsonNode signature = object(spec, "signature");
    JsonNode data = object(spec, "data");
    JsonNode publicKey = signature == null ? null : object(signature, "publicKey");
    refuseUrl(data, "data", "data.content");
    refuseUrl(signature, "signature", "signature.content");
    refuseUrl(publicKey, "signature.publicKey", "signature.publicKey.content");
  }

  private static void refuseUrl(@Nullable JsonNode parent, String path, String instead) {
    if (parent != null && parent.get("url") != null && !parent.get("url").isNull()) {
      throw malformed(
          path
              + ".url is not supported: this log never fetches content from URLs; send "
              + instead
              + " (base64) instead");
    }
  }

  private static @Nullable String hash(JsonNode data) {
    JsonNode hash = object(data, "hash");
    if (hash == null) {
      return null;
    }
    JsonNode algorithm = hash.get("algorithm");
    JsonNode value = hash.get("value");
    if (algorithm == null || !algorithm.isString()) {
      throw malformed("data.hash.algorithm in body is required");
    }
    if (!"sha256".equals(algorithm.stringValue())) {
      throw malformed("data.hash.algorithm in body should be one of [sha256]");
    }
    if (value == null || !value.isString()) {
      throw malformed("data.hash.value in body is required");
    }
    if (!SHA256_HEX.matcher(value.stringValue()).matches()) {
      throw malformed("invalid value for hash");
    }
    return value.stringValue();
  }

  private static ObjectNode body(String format, SignatureFormat.Verified verified, String hash) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode data = NODES.objectNode();
    data.set("hash", NODES.objectNode().put("algorithm", "sha256").put("value", hash));
    ObjectNode signature =
        NODES
            .objectNode()
            .put("content", b64.encodeToString(verified.canonicalSignature()))
            .put("format", format);
    signature.set(
        "publicKey",
        NODES.objectNode().put("content", b64.encodeToString(verified.canonicalKey())));
    ObjectNode spec = NODES.objectNode();
    spec.set("data", data);
    spec.set("signature", signature);
    ObjectNode entry = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    entry.set("spec", spec);
    return entry;
  }

  /** A member that is an object, or null (Rekor's decoder ignores members of another type). */
  private static @Nullable JsonNode object(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && node.isObject() ? node : null;
  }

  private static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
