package dev.waxseal.server.entries.hashedrekord;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.DigestAlgorithm;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code hashedrekord} 0.0.1, as Rekor v1's {@code pkg/types/hashedrekord/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.signature.content} (base64 signature), {@code
 * spec.signature.publicKey.content} (base64 of a PEM public key or certificate) and {@code
 * spec.data.hash {algorithm, value}}. The signature is verified over the digest itself (the
 * artifact is never seen). The stored body keeps only those fields, with the key re-encoded in
 * Rekor's canonical PEM; any other field the client sends is dropped. Search keys are the hex
 * SHA-256 of that canonical PEM, the certificate's subject alternative names and {@code
 * <algorithm>:<hex digest>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class HashedRekordKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "hashedrekord";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final int DEFAULT_KEY_CACHE_SIZE = 4096;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final Set<ClientSigningAlgorithm> allowedAlgorithms;
  private final X509PublicKeyCache keys;

  /**
   * Creates the kind.
   *
   * @param allowedAlgorithms the key/digest combinations accepted on append (Rekor's {@code
   *     --client-signing-algorithms})
   * @param keys the cache of parsed keys to use
   */
  public HashedRekordKind(Set<ClientSigningAlgorithm> allowedAlgorithms, X509PublicKeyCache keys) {
    this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    this.keys = keys;
  }

  /** The kind with Rekor's default algorithm allow-list and a key cache of 4096 entries. */
  public static HashedRekordKind withRekorDefaults() {
    return new HashedRekordKind(
        ClientSigningAlgorithm.REKOR_DEFAULT, new X509PublicKeyCache(DEFAULT_KEY_CACHE_SIZE));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    Proposed proposed = Proposed.read(spec);
    X509PublicKey key = keys.parse(proposed.publicKey());
    DigestAlgorithm algorithm = proposed.algorithm();
    byte[] digest = decodeDigest(proposed.hashValue(), algorithm);
    key.verifyDigest(algorithm, digest, proposed.signature());
    if (purpose == Purpose.APPEND && !key.isPermitted(allowedAlgorithms, algorithm)) {
      // Rekor checks the allow-list only on create (createLogEntry → checkEntryAlgorithms).
      throw new InvalidEntryException(
          Reason.ALGORITHM_NOT_ALLOWED, "entry algorithms are not allowed");
    }
    byte[] body = CanonicalJson.canonicalize(body(proposed, key.canonicalPem()));
    return CanonicalEntry.of(KIND, API_VERSION, body, searchKeys(key, proposed));
  }

  /** The stored spec is a complete proposed spec: the same keys, without verifying again. */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    Proposed stored = Proposed.read(spec);
    return searchKeys(keys.parse(stored.publicKey()), stored);
  }

  private static List<String> searchKeys(X509PublicKey key, Proposed proposed) {
    List<String> searchKeys = new ArrayList<>();
    // Rekor's IndexKeys runs after Canonicalize replaced the key with its canonical form.
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(key.canonicalPem())));
    searchKeys.addAll(key.subjects());
    searchKeys.add(proposed.algorithm().jsonName() + ":" + proposed.hashValue());
    return searchKeys;
  }

  /**
   * The hex digest: its length is checked before its characters (Rekor's order), in bytes, as Go
   * measures strings; upper-case hex is accepted, as Go's {@code hex.DecodeString} does.
   */
  private static byte[] decodeDigest(String value, DigestAlgorithm algorithm) {
    byte[] ascii = value.getBytes(StandardCharsets.UTF_8);
    if (ascii.length != 2 * algorithm.size()) {
      throw malformed("invalid value for hash");
    }
    for (byte b : ascii) {
      if (Character.digit((char) (b & 0xff), 16) < 0 || (b & 0x80) != 0) {
        int c = b & 0xff;
        String quoted = Character.isISOControl(c) ? "" : " '" + (char) c + "'";
        throw malformed(String.format("encoding/hex: invalid byte: U+%04X%s", c, quoted));
      }
    }
    return HEX.parseHex(value);
  }

  private static ObjectNode body(Proposed proposed, byte[] canonicalKey) {
    ObjectNode hash =
        NODES
            .objectNode()
            .put("algorithm", proposed.algorithm().jsonName())
            .put("value", proposed.hashValue());
    ObjectNode data = NODES.objectNode();
    data.set("hash", hash);
    ObjectNode publicKey =
        NODES.objectNode().put("content", Base64.getEncoder().encodeToString(canonicalKey));
    ObjectNode signature =
        NODES.objectNode().put("content", Base64.getEncoder().encodeToString(proposed.signature()));
    signature.set("publicKey", publicKey);
    ObjectNode specNode = NODES.objectNode();
    specNode.set("data", data);
    specNode.set("signature", signature);
    ObjectNode entry = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    entry.set("spec", specNode);
    return entry;
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }

  /** Reads a JSON member that must be an object, or null if absent or not an object (as Rekor). */
  static @Nullable JsonNode object(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && node.isObject() ? node : null;
  }
}
