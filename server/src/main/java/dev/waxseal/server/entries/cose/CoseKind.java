package dev.waxseal.server.entries.cose;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cose} 0.0.1, as Rekor v1's {@code pkg/types/cose/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.message} (a {@code COSE_Sign1_Tagged} message, base64), {@code
 * spec.publicKey} (a base64 PEM key or certificate) and optionally {@code spec.data.aad} (external
 * additional authenticated data, base64). The key decides the algorithm, as Rekor's {@code
 * getPublicKey}: RSA (at least 2048 bits) means PS256, ECDSA P-256 means ES256; other keys are
 * refused. The protected header's {@code alg} must be that algorithm and the signature must verify
 * over {@code Sig_structure} ({@link CoseSignatures}). A detached payload is refused.
 *
 * <p>The body keeps {@code publicKey} (Rekor's canonical PEM, base64), {@code data.payloadHash} and
 * {@code data.envelopeHash} (SHA-256 of the payload and of the whole message); the message and aad
 * are dropped, the message is kept as the attestation if at most {@code maxAttestationSize} bytes.
 * Search keys as Rekor's {@code IndexKeys()}: the canonical key's SHA-256 hex, the certificate's
 * subjects, {@code sha256:<envelope>}, {@code sha256:<payload>}, and for a protected content type
 * {@code application/vnd.in-toto+json} each statement subject's {@code <alg>:<digest>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class CoseKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "cose";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final X509PublicKeyCache keys;
  private final int maxAttestationSize;

  /**
   * Creates the kind.
   *
   * @param keys the cache of parsed keys to use
   * @param maxAttestationSize the largest message kept as the entry's attestation, in bytes
   */
  public CoseKind(X509PublicKeyCache keys, int maxAttestationSize) {
    if (maxAttestationSize < 0) {
      throw new IllegalArgumentException("maxAttestationSize " + maxAttestationSize + " < 0");
    }
    this.keys = keys;
    this.maxAttestationSize = maxAttestationSize;
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
    JsonNode publicKeyNode = spec.get("publicKey");
    if (publicKeyNode == null || publicKeyNode.isNull()) {
      throw malformed("publicKey in body is required");
    }
    byte[] publicKey = base64(publicKeyNode, "publicKey");
    X509PublicKey key = keys.parse(publicKey);
    JsonNode messageNode = spec.get("message");
    byte[] message =
        messageNode == null || messageNode.isNull() ? new byte[0] : base64(messageNode, "message");
    if (message.length == 0) {
      throw malformed("missing COSE Sign1 message");
    }
    JsonNode data = spec.get("data");
    if (data == null || data.isNull()) {
      throw malformed("missing COSE data property");
    }
    if (!data.isObject()) {
      throw malformed("data in body must be of type object");
    }
    byte[] aad = aad(data);

    Sign1Message sign1 = Sign1Message.decode(message);
    byte[] payload = CoseSignatures.verify(key, sign1, aad);

    byte[] canonicalKey = key.canonicalPem();
    String envelopeHash = HEX.formatHex(Rfc6962.sha256(message));
    String payloadHash = HEX.formatHex(Rfc6962.sha256(payload));
    ObjectNode body = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    ObjectNode specNode = body.putObject("spec");
    ObjectNode dataNode = specNode.putObject("data");
    dataNode.putObject("envelopeHash").put("algorithm", "sha256").put("value", envelopeHash);
    dataNode.putObject("payloadHash").put("algorithm", "sha256").put("value", payloadHash);
    specNode.put("publicKey", Base64.getEncoder().encodeToString(canonicalKey));

    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(canonicalKey)));
    searchKeys.addAll(key.subjects());
    searchKeys.add("sha256:" + envelopeHash);
    searchKeys.add("sha256:" + payloadHash);
    if (sign1.contentType().filter(InTotoStatements.PAYLOAD_TYPE::equals).isPresent()) {
      searchKeys.addAll(InTotoSubjects.digestKeys(payload));
    }
    byte[] canonical = CanonicalJson.canonicalize(body);
    if (message.length > maxAttestationSize) {
      return CanonicalEntry.of(KIND, API_VERSION, canonical, searchKeys);
    }
    return CanonicalEntry.withAttestation(KIND, API_VERSION, canonical, searchKeys, message);
  }

  private static byte[] aad(JsonNode data) {
    JsonNode aad = data.get("aad");
    return aad == null || aad.isNull() ? new byte[0] : base64(aad, "data.aad");
  }

  /** Go's {@code strfmt.Base64}: standard, padded; CR and LF ignored. */
  /**
   * From the stored spec: the key's hash and subjects, the message and payload hashes; the in-toto
   * subject digests from the stored attestation (the message) when there is one whose hash is the
   * stored envelope hash. Without it (the message was over the attestation limit, or the source
   * kept none) those digests cannot be derived: the body keeps no payload or content type.
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    X509PublicKey key = keys.parse(base64(spec.get("publicKey"), "publicKey"));
    JsonNode data = spec.get("data");
    String envelopeHash = storedHash(data, "envelopeHash");
    String payloadHash = storedHash(data, "payloadHash");
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(key.canonicalPem())));
    searchKeys.addAll(key.subjects());
    searchKeys.add("sha256:" + envelopeHash);
    searchKeys.add("sha256:" + payloadHash);
    if (attestation != null && HEX.formatHex(Rfc6962.sha256(attestation)).equals(envelopeHash)) {
      Sign1Message sign1 = Sign1Message.decode(attestation);
      byte[] payload = sign1.payload();
      if (payload != null
          && sign1.contentType().filter(InTotoStatements.PAYLOAD_TYPE::equals).isPresent()) {
        searchKeys.addAll(InTotoSubjects.digestKeys(payload));
      }
    }
    return searchKeys;
  }

  private static String storedHash(@Nullable JsonNode data, String name) {
    JsonNode hash = data == null ? null : data.get(name);
    JsonNode value = hash == null ? null : hash.get("value");
    if (value == null || !value.isString()) {
      throw malformed("a stored cose spec has data." + name + ".value");
    }
    return value.stringValue();
  }

  private static byte[] base64(@Nullable JsonNode node, String field) {
    if (node == null || !node.isString()) {
      throw malformed(field + " in body must be of type string");
    }
    try {
      return Base64.getDecoder().decode(node.stringValue().replace("\r", "").replace("\n", ""));
    } catch (IllegalArgumentException e) {
      throw malformed(field + " in body must be of type byte: standard padded base64");
    }
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
