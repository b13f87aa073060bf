package dev.waxseal.server.entries.dsse;

import static dev.waxseal.server.entries.dsse.DsseSpec.malformed;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dsse} 0.0.1, as Rekor v1's {@code pkg/types/dsse/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.proposedContent.envelope} (the DSSE envelope as a JSON string)
 * and {@code spec.proposedContent.verifiers} (base64 PEM keys or certificates). Every signature
 * must be verified by some verifier over the DSSE pre-authentication encoding (ECDSA and RSA over
 * its SHA-256, Ed25519 pure), and every verifier must verify a signature. The stored body keeps
 * {@code signatures [{signature, verifier}]} sorted by signature text, with each verifier in
 * Rekor's canonical PEM, and {@code envelopeHash} (SHA-256 of the envelope string exactly as sent)
 * and {@code payloadHash} (SHA-256 of the decoded payload). The envelope and payload are not
 * stored.
 *
 * <p>Search keys, as Rekor's {@code IndexKeys()}: per signature {@code sha256:<hex of the canonical
 * PEM's SHA-256>} and the certificate's subjects, then {@code sha256:<payload hash>}, {@code
 * sha256:<envelope hash>}, and for in-toto payloads each subject's and SLSA 0.2 material's {@code
 * <algorithm>:<digest>}. If an in-toto payload is not a valid statement, Rekor's {@code
 * IndexKeys()} fails and the entry gets no search keys at all; so here.
 *
 * <p>Thread-safe; share one instance.
 */
public final class DsseKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "dsse";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  /** The default largest envelope accepted, in bytes of its UTF-8 text. */
  public static final int DEFAULT_MAX_ENVELOPE_SIZE = 10 * 1024 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final X509PublicKeyCache keys;
  private final int maxEnvelopeSize;

  /**
   * Creates the kind.
   *
   * @param keys the cache of parsed keys to use
   * @param maxEnvelopeSize the largest envelope accepted, in UTF-8 bytes
   */
  public DsseKind(X509PublicKeyCache keys, int maxEnvelopeSize) {
    if (maxEnvelopeSize < 1) {
      throw new IllegalArgumentException("maxEnvelopeSize " + maxEnvelopeSize + " < 1");
    }
    this.keys = keys;
    this.maxEnvelopeSize = maxEnvelopeSize;
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
    DsseSpec read = DsseSpec.read(spec);
    String envelopeText = read.envelope();
    if (envelopeText == null) {
      if (purpose == Purpose.APPEND) {
        throw malformed(
            "entry not insertable into log: missing proposed content: send"
                + " spec.proposedContent {envelope, verifiers}");
      }
      return stored(read);
    }
    if (envelopeText.isEmpty()) {
      throw malformed("entry not insertable into log: missing proposed DSSE envelope");
    }
    byte[] envelopeBytes = envelopeText.getBytes(StandardCharsets.UTF_8);
    if (envelopeBytes.length > maxEnvelopeSize) {
      throw new InvalidEntryException(
          Reason.MALFORMED_ENTRY,
          "the DSSE envelope is "
              + envelopeBytes.length
              + " bytes, more than this server's limit of "
              + maxEnvelopeSize);
    }
    DsseEnvelope envelope = DsseEnvelope.parse(envelopeText);
    Map<String, X509PublicKey> bySignature = envelope.verifyEverySignature(read.verifiers(), keys);
    byte[] payload = envelope.decodePayload();
    String payloadHash = HEX.formatHex(Rfc6962.sha256(payload));
    String envelopeHash = HEX.formatHex(Rfc6962.sha256(envelopeBytes));

    // Go's sort.Strings: byte order, which is UTF-16 order for base64 text.
    TreeMap<String, X509PublicKey> sorted = new TreeMap<>(Comparator.naturalOrder());
    sorted.putAll(bySignature);
    ArrayNode signatures = NODES.arrayNode();
    List<String> searchKeys = new ArrayList<>();
    for (Map.Entry<String, X509PublicKey> e : sorted.entrySet()) {
      byte[] pem = e.getValue().canonicalPem();
      signatures.add(
          NODES
              .objectNode()
              .put("signature", e.getKey())
              .put("verifier", Base64.getEncoder().encodeToString(pem)));
      searchKeys.add("sha256:" + HEX.formatHex(Rfc6962.sha256(pem)));
      searchKeys.addAll(e.getValue().subjects());
    }
    searchKeys.add("sha256:" + payloadHash);
    searchKeys.add("sha256:" + envelopeHash);
    if (InTotoStatements.PAYLOAD_TYPE.equals(envelope.payloadType())
        && !envelope.payload().isEmpty()) {
      Optional<List<String>> digests = InTotoStatements.digestKeys(payload);
      if (digests.isEmpty()) {
        searchKeys.clear();
      } else {
        searchKeys.addAll(digests.get());
      }
    }
    byte[] body = CanonicalJson.canonicalize(body(signatures, payloadHash, envelopeHash));
    return CanonicalEntry.of(KIND, API_VERSION, body, searchKeys);
  }

  /**
   * Per verifier its key hash and subjects, then the payload and envelope hashes, from the stored
   * spec. The in-toto subject and material digests cannot be derived: Rekor stores neither the
   * envelope nor its payload type for dsse, nor an attestation; those keys of an in-toto payload
   * are lost when a log is rebuilt from stored bodies (and an in-toto payload that was not a
   * statement, which Rekor indexed under no key at all, gets these keys).
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    DsseSpec read = DsseSpec.read(spec);
    JsonNode envelopeHash = read.envelopeHash();
    JsonNode payloadHash = read.payloadHash();
    if (read.envelope() != null || envelopeHash == null || payloadHash == null) {
      throw malformed("a stored dsse spec has signatures, envelopeHash and payloadHash");
    }
    List<DsseSpec.StoredSignature> signatures = new ArrayList<>(read.signatures());
    signatures.sort(Comparator.comparing(DsseSpec.StoredSignature::signature));
    List<String> searchKeys = new ArrayList<>();
    for (DsseSpec.StoredSignature s : signatures) {
      X509PublicKey key = keys.parse(s.verifier());
      searchKeys.add("sha256:" + HEX.formatHex(Rfc6962.sha256(key.canonicalPem())));
      searchKeys.addAll(key.subjects());
    }
    searchKeys.add("sha256:" + payloadHash.get("value").stringValue());
    searchKeys.add("sha256:" + envelopeHash.get("value").stringValue());
    return searchKeys;
  }

  /** A stored body sent back for a search: its fields re-serialized, signatures sorted. */
  private static CanonicalEntry stored(DsseSpec read) {
    List<DsseSpec.StoredSignature> signatures = new ArrayList<>(read.signatures());
    signatures.sort(Comparator.comparing(DsseSpec.StoredSignature::signature));
    ArrayNode array = NODES.arrayNode();
    for (DsseSpec.StoredSignature s : signatures) {
      array.add(
          NODES
              .objectNode()
              .put("signature", s.signature())
              .put("verifier", Base64.getEncoder().encodeToString(s.verifier())));
    }
    JsonNode envelopeHash = read.envelopeHash();
    JsonNode payloadHash = read.payloadHash();
    if (envelopeHash == null || payloadHash == null) {
      throw new IllegalStateException("DsseSpec.read let a stored body without hashes through");
    }
    ObjectNode spec = NODES.objectNode();
    spec.set("envelopeHash", hash(envelopeHash.get("value").stringValue()));
    spec.set("payloadHash", hash(payloadHash.get("value").stringValue()));
    spec.set("signatures", array);
    return CanonicalEntry.of(KIND, API_VERSION, CanonicalJson.canonicalize(wrap(spec)), List.of());
  }

  private static ObjectNode body(ArrayNode signatures, String payloadHash, String envelopeHash) {
    ObjectNode spec = NODES.objectNode();
    spec.set("envelopeHash", hash(envelopeHash));
    spec.set("payloadHash", hash(payloadHash));
    spec.set("signatures", signatures);
    return wrap(spec);
  }

  private static ObjectNode hash(String value) {
    return NODES.objectNode().put("algorithm", "sha256").put("value", value);
  }

  private static ObjectNode wrap(ObjectNode spec) {
    ObjectNode entry = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    entry.set("spec", spec);
    return entry;
  }
}
