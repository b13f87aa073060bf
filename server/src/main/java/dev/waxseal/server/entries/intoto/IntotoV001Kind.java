package dev.waxseal.server.entries.intoto;

import static dev.waxseal.server.entries.intoto.Specs.NODES;
import static dev.waxseal.server.entries.intoto.Specs.malformed;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code intoto} 0.0.1, as Rekor v1's {@code pkg/types/intoto/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.publicKey} (base64 of one PEM key or certificate) and {@code
 * spec.content.envelope} (the DSSE envelope as a JSON string). One signature must verify with the
 * key (signatures whose {@code keyid} is set and differs from the key's SSH SHA-256 fingerprint are
 * not tried, as go-securesystemslib does for a verifier with a public key). The stored body keeps
 * {@code publicKey} in Rekor's canonical PEM, {@code content.hash} (SHA-256 of the envelope string
 * as sent) and {@code content.payloadHash}, both computed by the server (client values are
 * ignored); the payload is kept as the attestation if small enough.
 *
 * <p>Search keys: {@code sha256:<envelope hash>}, {@code sha256:<canonical PEM hash>}, the
 * certificate's subjects, {@code sha256:<payload hash>}, then in-toto subject and SLSA 0.2 material
 * digests (left out, the others kept, if the payload is not a statement).
 *
 * <p>Thread-safe; share one instance.
 */
public final class IntotoV001Kind implements EntryKind {
  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder RAW_BASE64 = Base64.getEncoder().withoutPadding();

  private final X509PublicKeyCache keys;
  private final int maxEnvelopeSize;
  private final int maxAttestationSize;

  /**
   * Creates the kind.
   *
   * @param keys the cache of parsed keys to use
   * @param maxEnvelopeSize the largest envelope accepted, in UTF-8 bytes
   * @param maxAttestationSize the largest decoded payload kept as an attestation, in bytes
   */
  public IntotoV001Kind(X509PublicKeyCache keys, int maxEnvelopeSize, int maxAttestationSize) {
    this.keys = keys;
    this.maxEnvelopeSize = maxEnvelopeSize;
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

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    JsonNode content = Specs.object(spec, "content", "content");
    byte[] publicKey = Specs.bytes(spec, "publicKey", "publicKey");
    if (publicKey == null) {
      throw malformed("publicKey in body is required");
    }
    String envelopeText = Specs.string(content, "envelope", "content.envelope");
    String hash = Specs.sha256(content, "hash", "content.hash");
    String payloadHash = Specs.sha256(content, "payloadHash", "content.payloadHash");
    X509PublicKey key = keys.parse(publicKey);
    byte[] pem = key.canonicalPem();
    if (envelopeText == null || envelopeText.isEmpty()) {
      if (purpose == Purpose.APPEND) {
        throw malformed(
            "entry not insertable into log: missing envelope content: send content.envelope");
      }
      if (hash == null) {
        throw malformed("missing hash value for envelope");
      }
      return CanonicalEntry.of("intoto", API_VERSION, body(pem, hash, payloadHash), List.of());
    }
    byte[] envelopeBytes = envelopeText.getBytes(StandardCharsets.UTF_8);
    if (envelopeBytes.length > maxEnvelopeSize) {
      throw malformed(
          "the DSSE envelope is "
              + envelopeBytes.length
              + " bytes, more than this server's limit of "
              + maxEnvelopeSize);
    }
    DsseEnvelope envelope = DsseEnvelope.parse(envelopeText);
    String fingerprint = "SHA256:" + RAW_BASE64.encodeToString(Rfc6962.sha256(key.sshWireFormat()));
    if (envelope.firstVerifiedBy(key, fingerprint).isEmpty()) {
      throw new InvalidEntryException(
          Reason.INVALID_SIGNATURE,
          "accepted signatures do not match threshold, Found: 0, Expected 1: publicKey verifies"
              + " no signature of the envelope");
    }
    byte[] payload =
        GoJson.stdBase64(envelope.payload())
            .orElseThrow(
                () -> malformed("illegal base64 data: the DSSE payload must be standard base64"));
    if (purpose == Purpose.APPEND
        && (envelope.payload().isEmpty() || envelope.payloadType().isEmpty())) {
      throw malformed(
          "entry not insertable into log: invalid DSSE envelope: payload and payloadType are"
              + " required");
    }
    String envelopeHash = HEX.formatHex(Rfc6962.sha256(envelopeBytes));
    String computedPayloadHash = HEX.formatHex(Rfc6962.sha256(payload));
    byte[] body = body(pem, envelopeHash, computedPayloadHash);
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add("sha256:" + envelopeHash);
    searchKeys.add("sha256:" + HEX.formatHex(Rfc6962.sha256(pem)));
    searchKeys.addAll(key.subjects());
    searchKeys.add("sha256:" + computedPayloadHash);
    if (InTotoStatements.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      InTotoStatements.digestKeys(payload).ifPresent(searchKeys::addAll);
    }
    if (Specs.keepsAttestation(envelope.payload(), maxAttestationSize)) {
      return CanonicalEntry.withAttestation("intoto", API_VERSION, body, searchKeys, payload);
    }
    return CanonicalEntry.of("intoto", API_VERSION, body, searchKeys);
  }

  /**
   * From the stored spec: the envelope hash, the key's hash and subjects, the payload hash; and the
   * in-toto subject and material digests from the stored attestation (the payload) when there is
   * one. Without it (the source kept none, or it was larger than its limit) those digests cannot be
   * derived. The stored body does not keep the payload type, so a payload that parses as an in-toto
   * statement is read as one.
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    JsonNode content = Specs.object(spec, "content", "content");
    byte[] publicKey = Specs.bytes(spec, "publicKey", "publicKey");
    String hash = Specs.sha256(content, "hash", "content.hash");
    String payloadHash = Specs.sha256(content, "payloadHash", "content.payloadHash");
    if (publicKey == null || hash == null) {
      throw malformed("a stored intoto 0.0.1 spec has publicKey and content.hash");
    }
    X509PublicKey key = keys.parse(publicKey);
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add("sha256:" + hash);
    searchKeys.add("sha256:" + HEX.formatHex(Rfc6962.sha256(key.canonicalPem())));
    searchKeys.addAll(key.subjects());
    if (payloadHash != null) {
      searchKeys.add("sha256:" + payloadHash);
    }
    byte[] payload = Specs.storedPayload(attestation, payloadHash);
    if (payload != null) {
      InTotoStatements.digestKeys(payload).ifPresent(searchKeys::addAll);
    }
    return searchKeys;
  }

  private static byte[] body(byte[] pem, String hash, @Nullable String payloadHash) {
    ObjectNode content = NODES.objectNode();
    content.set("hash", Specs.hash(hash));
    if (payloadHash != null) {
      content.set("payloadHash", Specs.hash(payloadHash));
    }
    ObjectNode spec = NODES.objectNode();
    spec.set("content", content);
    spec.put("publicKey", Base64.getEncoder().encodeToString(pem));
    return CanonicalJson.canonicalize(Specs.entry(API_VERSION, spec));
  }
}
