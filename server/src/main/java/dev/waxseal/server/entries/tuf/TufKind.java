package dev.waxseal.server.entries.tuf;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tuf} 0.0.1, as Rekor v1's {@code pkg/types/tuf/v0.0.1/entry.go} with {@code pkg/pki/tuf}.
 *
 * <p>The client sends {@code spec.metadata.content} (TUF metadata of any role: a signed envelope as
 * a JSON object) and {@code spec.root.content} (a TUF {@code root.json}). A stored body's contents,
 * base64 strings of the JSON, are read too (Rekor PR #1671). The root must verify against itself as
 * role {@code root}; the metadata must verify as the role its {@code _type} names, with the keys
 * and threshold the root assigns to that role ({@link TufRoot}); neither may have expired at the
 * injected clock's time.
 *
 * <p>The body keeps {@code spec_version} (the root's, omitted when empty), and {@code
 * metadata.content} and {@code root.content} as base64 of the RFC 8785 form of each envelope (as
 * Rekor stores a byte slice in an {@code interface{}} field). Search keys as Rekor's {@code
 * IndexKeys()}: the metadata's SHA-256 hex, its {@code _type}, its version, the root's SHA-256 hex
 * (hashes of the stored forms). The last is also what a {@code publicKey} search of format {@code
 * tuf} looks up ({@link #publicKeySearchKey}).
 *
 * <p>Thread-safe; share one instance.
 */
public final class TufKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "tuf";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final Clock clock;

  /** Creates the kind; {@code clock} decides whether metadata has expired. */
  public TufKind(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /**
   * The stored metadata's hash, role and version and the stored root's hash, read from the stored
   * spec without the signature and expiry checks of an append: an imported entry's metadata may
   * have expired since it was logged.
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    SignedMetadata root = SignedMetadata.read(content(spec, "root"), "root");
    SignedMetadata metadata = SignedMetadata.read(content(spec, "metadata"), "metadata");
    byte[] storedMetadata = metadata.canonical();
    return List.of(
        HEX.formatHex(Rfc6962.sha256(storedMetadata)),
        metadata.type(),
        Long.toString(metadata.version()),
        rootKey(root.canonical()));
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    JsonNode rootContent = content(spec, "root");
    JsonNode metadataContent = content(spec, "metadata");
    Instant now = clock.instant();

    SignedMetadata root = SignedMetadata.read(rootContent, "root");
    TufRoot keys = verifiedRoot(root, now);
    SignedMetadata metadata = SignedMetadata.read(metadataContent, "metadata");
    keys.verify(metadata, metadata.type(), now);

    byte[] storedRoot = root.canonical();
    byte[] storedMetadata = metadata.canonical();
    ObjectNode body = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    ObjectNode specNode = body.putObject("spec");
    specNode
        .putObject("metadata")
        .put("content", Base64.getEncoder().encodeToString(storedMetadata));
    specNode.putObject("root").put("content", Base64.getEncoder().encodeToString(storedRoot));
    if (!root.specVersion().isEmpty()) {
      specNode.put("spec_version", root.specVersion());
    }
    List<String> searchKeys =
        List.of(
            HEX.formatHex(Rfc6962.sha256(storedMetadata)),
            metadata.type(),
            Long.toString(metadata.version()),
            rootKey(storedRoot));
    return CanonicalEntry.of(KIND, API_VERSION, CanonicalJson.canonicalize(body), searchKeys);
  }

  /**
   * A {@code root.json} searched for as a {@code publicKey} of format {@code tuf}: the key under
   * which {@link #canonicalize} indexed entries logged with that root. As Rekor's {@code
   * SearchIndexHandler} with {@code pkg/pki/tuf}, the root must verify against itself, unexpired at
   * the clock's time, and the key is the SHA-256 of its stored form, so a re-indented copy of the
   * root finds the same entries.
   */
  @Override
  public Optional<String> publicKeySearchKey(String format, byte[] publicKey) {
    if (!format.equals(KIND)) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = CanonicalJson.parse(publicKey);
    } catch (IllegalArgumentException e) {
      json = NODES.nullNode();
    }
    if (!json.isObject()) {
      throw malformed("tuf: the key must be a TUF root.json, a JSON object");
    }
    SignedMetadata root = SignedMetadata.read(json, "root");
    verifiedRoot(root, clock.instant());
    return Optional.of(rootKey(root.canonical()));
  }

  /** The root's keys, once it has verified against itself as role {@code root}. */
  private static TufRoot verifiedRoot(SignedMetadata root, Instant now) {
    TufRoot keys = TufRoot.of(root.signed());
    keys.verify(root, "root", now);
    return keys;
  }

  /** Rekor's index key of a root: the lower-case hex SHA-256 of its stored (RFC 8785) form. */
  private static String rootKey(byte[] storedRoot) {
    return HEX.formatHex(Rfc6962.sha256(storedRoot));
  }

  /** {@code spec.<name>.content}: a JSON object, or a stored body's base64 of one. */
  private static JsonNode content(JsonNode spec, String name) {
    JsonNode holder = spec.get(name);
    if (holder == null || holder.isNull()) {
      throw malformed(name + " in body is required");
    }
    if (!holder.isObject()) {
      throw malformed(name + " in body must be of type object");
    }
    if (holder.has("url")) {
      throw malformed(name + ".url is not supported: TUF metadata cannot be fetched; send content");
    }
    JsonNode content = holder.get("content");
    if (content == null || content.isNull()) {
      throw malformed(name + ".content in body is required");
    }
    if (content.isString()) {
      try {
        return CanonicalJson.parse(Base64.getDecoder().decode(content.stringValue()));
      } catch (IllegalArgumentException e) {
        throw malformed(name + ".content must be a JSON object or base64 of one");
      }
    }
    if (!content.isObject()) {
      throw malformed(name + ".content in body must be of type object");
    }
    return content;
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
