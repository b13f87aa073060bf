package dev.waxseal.server.entries.intoto;

import static dev.waxseal.server.entries.intoto.Specs.NODES;
import static dev.waxseal.server.entries.intoto.Specs.malformed;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.GoJson;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code intoto} 0.0.2, as Rekor v1's {@code pkg/types/intoto/v0.0.2/entry.go}.
 *
 * <p>The client sends {@code spec.content.envelope {payloadType, payload, signatures [{keyid?, sig,
 * publicKey}]}} with {@code payload} and each {@code sig} being the base64 of the DSSE envelope's
 * own base64 text, and {@code publicKey} the base64 of a PEM key or certificate; and {@code
 * spec.content.hash}, the client's own digest of its envelope, which Rekor cannot recompute and
 * keeps as sent. Every signature must be verified by one of the keys. The stored body keeps {@code
 * payloadType}, the signatures exactly as sent (public keys are not re-encoded), {@code hash}, and
 * {@code payloadHash} computed by the server (a client's value is replaced); the payload is dropped
 * from the body and kept as the attestation if small enough.
 *
 * <p>Search keys: per signature {@code sha256:<canonical PEM hash>} and subjects, {@code
 * sha256:<payload hash>}, then the in-toto subject and SLSA 0.2 material digests (none at all if an
 * in-toto payload is not a statement, as Rekor's {@code IndexKeys()} then fails).
 *
 * <p>Thread-safe; share one instance.
 */
public final class IntotoV002Kind implements EntryKind {
  /** The version implemented. */
  public static final String API_VERSION = "0.0.2";

  private static final HexFormat HEX = HexFormat.of();

  private final X509PublicKeyCache keys;
  private final int maxPayloadSize;
  private final int maxAttestationSize;

  /**
   * Creates the kind.
   *
   * @param keys the cache of parsed keys to use
   * @param maxPayloadSize the largest DSSE payload accepted, in bytes of its base64 text
   * @param maxAttestationSize the largest decoded payload kept as an attestation, in bytes
   */
  public IntotoV002Kind(X509PublicKeyCache keys, int maxPayloadSize, int maxAttestationSize) {
    this.keys = keys;
    this.maxPayloadSize = maxPayloadSize;
    this.maxAttestationSize = maxAttestationSize;
  }

  @Override
  public boolean storesAttestations() {
    return true;
  }

  @Override
  public String kind() {
    return "intoto";
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /** One signature as sent: key id, the sig's base64 text, the public key's PEM bytes. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record SignedBy(String keyId, String sig, byte[] publicKey) {}

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    JsonNode content = Specs.object(spec, "content", "content");
    JsonNode envelope = Specs.object(content, "envelope", "content.envelope");
    String payloadType = Specs.string(envelope, "payloadType", "content.envelope.payloadType");
    if (payloadType == null) {
      throw malformed("content.envelope.payloadType in body is required");
    }
    List<SignedBy> signatures = signatures(envelope);
    byte[] payloadBytes = Specs.bytes(envelope, "payload", "content.envelope.payload");
    String hash = Specs.sha256(content, "hash", "content.hash");
    String payloadHash = Specs.sha256(content, "payloadHash", "content.payloadHash");
    byte @Nullable [] payload = null;
    String payloadText = "";
    if (payloadBytes != null && payloadBytes.length > maxPayloadSize) {
      throw malformed(
          "the DSSE payload is "
              + payloadBytes.length
              + " bytes of base64, more than this server's limit of "
              + maxPayloadSize);
    }
    if (payloadBytes != null) {
      payloadText = new String(payloadBytes, StandardCharsets.UTF_8);
      List<DsseEnvelope.Signature> dsse = new ArrayList<>();
      List<byte[]> verifiers = new ArrayList<>();
      for (SignedBy s : signatures) {
        dsse.add(new DsseEnvelope.Signature(s.keyId(), s.sig()));
        verifiers.add(s.publicKey());
      }
      DsseEnvelope.of(payloadType, payloadText, dsse).verifyEverySignature(verifiers, keys);
      payload =
          GoJson.stdBase64(payloadText)
              .orElseThrow(
                  () ->
                      malformed(
                          "could not decode envelope payload: the DSSE payload must be standard"
                              + " base64"));
      payloadHash = HEX.formatHex(Rfc6962.sha256(payload));
    } else if (purpose == Purpose.APPEND) {
      throw malformed(
          "entry not insertable into log: missing envelope content: send"
              + " content.envelope.payload");
    }
    if (hash == null) {
      throw malformed(
          "missing envelope digest: send content.hash, the SHA-256 of your DSSE envelope");
    }
    if (payloadHash == null) {
      throw malformed("missing payload digest");
    }
    if (payloadType.isEmpty() && purpose == Purpose.APPEND) {
      throw malformed("entry not insertable into log: missing payloadType content");
    }
    byte[] body = CanonicalJson.canonicalize(body(payloadType, signatures, hash, payloadHash));
    List<String> searchKeys = searchKeys(signatures, payloadType, payloadHash, payload);
    if (payload != null && Specs.keepsAttestation(payloadText, maxAttestationSize)) {
      return CanonicalEntry.withAttestation("intoto", API_VERSION, body, searchKeys, payload);
    }
    return CanonicalEntry.of("intoto", API_VERSION, body, searchKeys);
  }

  private static List<SignedBy> signatures(JsonNode envelope) {
    JsonNode array = Specs.member(envelope, "signatures");
    if (array == null) {
      throw malformed("content.envelope.signatures in body is required");
    }
    if (!array.isArray()) {
      throw malformed("content.envelope.signatures in body must be of type array");
    }
    if (array.isEmpty()) {
      throw malformed("content.envelope.signatures in body should have at least 1 items");
    }
    List<SignedBy> signatures = new ArrayList<>();
    int i = 0;
    for (JsonNode s : array.values()) {
      String at = "content.envelope.signatures." + i;
      if (!s.isObject()) {
        throw malformed(at + " in body must be of type object");
      }
      String keyId = Specs.string(s, "keyid", at + ".keyid");
      byte[] sig = Specs.bytes(s, "sig", at + ".sig");
      byte[] publicKey = Specs.bytes(s, "publicKey", at + ".publicKey");
      if (sig == null) {
        throw malformed(at + ".sig in body is required");
      }
      if (publicKey == null) {
        throw malformed(at + ".publicKey in body is required");
      }
      signatures.add(
          new SignedBy(
              keyId == null ? "" : keyId, new String(sig, StandardCharsets.UTF_8), publicKey));
      i++;
    }
    return signatures;
  }

  private static ObjectNode body(
      String payloadType, List<SignedBy> signatures, String hash, String payloadHash) {
    ArrayNode array = NODES.arrayNode();
    for (SignedBy s : signatures) {
      ObjectNode signature = NODES.objectNode();
      if (!s.keyId().isEmpty()) {
        signature.put("keyid", s.keyId());
      }
      signature.put("publicKey", Base64.getEncoder().encodeToString(s.publicKey()));
      signature.put(
          "sig", Base64.getEncoder().encodeToString(s.sig().getBytes(StandardCharsets.UTF_8)));
      array.add(signature);
    }
    ObjectNode envelope = NODES.objectNode().put("payloadType", payloadType);
    envelope.set("signatures", array);
    ObjectNode content = NODES.objectNode();
    content.set("envelope", envelope);
    content.set("hash", Specs.hash(hash));
    content.set("payloadHash", Specs.hash(payloadHash));
    ObjectNode spec = NODES.objectNode();
    spec.set("content", content);
    return Specs.entry(API_VERSION, spec);
  }

  /**
   * From the stored spec: each signature's key hash and subjects and the payload hash; the in-toto
   * digests from the stored attestation (the payload) when there is one, else they cannot be
   * derived (the stored envelope keeps no payload).
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    JsonNode content = Specs.object(spec, "content", "content");
    JsonNode envelope = Specs.object(content, "envelope", "content.envelope");
    String payloadType = Specs.string(envelope, "payloadType", "content.envelope.payloadType");
    String payloadHash = Specs.sha256(content, "payloadHash", "content.payloadHash");
    if (payloadType == null || payloadHash == null) {
      throw malformed(
          "a stored intoto 0.0.2 spec has content.envelope.payloadType and content.payloadHash");
    }
    byte[] payload = Specs.storedPayload(attestation, payloadHash);
    return searchKeys(signatures(envelope), payloadType, payloadHash, payload);
  }

  private List<String> searchKeys(
      List<SignedBy> signatures,
      String payloadType,
      String payloadHash,
      byte @Nullable [] payload) {
    List<String> searchKeys = new ArrayList<>();
    for (SignedBy s : signatures) {
      X509PublicKey key;
      try {
        key = keys.parse(s.publicKey());
      } catch (InvalidEntryException e) {
        // Only reachable for a search by stored body; Rekor's IndexKeys would fail: no keys.
        return List.of();
      }
      searchKeys.add("sha256:" + HEX.formatHex(Rfc6962.sha256(key.canonicalPem())));
      searchKeys.addAll(key.subjects());
    }
    searchKeys.add("sha256:" + payloadHash);
    if (InTotoStatements.PAYLOAD_TYPE.equals(payloadType) && payload != null) {
      Optional<List<String>> digests = InTotoStatements.digestKeys(payload);
      if (digests.isEmpty()) {
        return List.of();
      }
      searchKeys.addAll(digests.get());
    }
    return searchKeys;
  }
}
