package dev.waxseal.server.entries.pki;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A DSSE envelope ({@code secure-systems-lab/dsse} envelope.md): payload type, base64 payload and
 * signatures, with the pre-authentication encoding and the verification rules of {@code
 * go-securesystemslib/dsse} as Rekor uses them.
 *
 * <p>Immutable.
 */
public final class DsseEnvelope {
  private static final String PAE_PREFIX = "DSSEv1";

  /** One signature as it appears in the envelope: key id (may be empty) and base64 text. */
  public record Signature(String keyId, String sig) {}

  private final String payloadType;
  private final String payload;
  private final List<Signature> signatures;

  private DsseEnvelope(String payloadType, String payload, List<Signature> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
  }

  /** An envelope from its parts, e.g. the fields of an intoto 0.0.2 entry. */
  public static DsseEnvelope of(String payloadType, String payload, List<Signature> signatures) {
    return new DsseEnvelope(payloadType, payload, signatures);
  }

  /**
   * Reads an envelope as Go's {@code json.Unmarshal} into {@code dsse.Envelope} does: members
   * matched case-insensitively, unknown members ignored, {@code null} as empty.
   *
   * @throws InvalidEntryException (MALFORMED_ENTRY) naming what is wrong
   */
  public static DsseEnvelope parse(String json) {
    JsonNode root;
    try {
      root = CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw malformed("the DSSE envelope is not valid JSON");
    }
    if (!root.isObject()) {
      throw malformed("the DSSE envelope must be a JSON object");
    }
    JsonNode type = GoJson.member(root, "payloadType");
    JsonNode payload = GoJson.member(root, "payload");
    JsonNode sigs = GoJson.member(root, "signatures");
    if (!GoJson.isString(type) || !GoJson.isString(payload)) {
      throw malformed("the DSSE envelope's payloadType and payload must be strings");
    }
    if (!GoJson.isArray(sigs)) {
      throw malformed("the DSSE envelope's signatures must be an array");
    }
    List<Signature> signatures = new ArrayList<>();
    if (sigs != null) {
      for (JsonNode s : sigs.values()) {
        if (s.isNull()) {
          signatures.add(new Signature("", ""));
          continue;
        }
        JsonNode keyId = s.isObject() ? GoJson.member(s, "keyid") : null;
        JsonNode sig = s.isObject() ? GoJson.member(s, "sig") : null;
        if (!s.isObject() || !GoJson.isString(keyId) || !GoJson.isString(sig)) {
          throw malformed("each DSSE signature must be an object with string keyid and sig");
        }
        signatures.add(new Signature(text(keyId), text(sig)));
      }
    }
    return new DsseEnvelope(text(type), text(payload), signatures);
  }

  private static String text(@Nullable JsonNode node) {
    return node == null ? "" : node.stringValue();
  }

  /** The payload type, e.g. {@code application/vnd.in-toto+json}. */
  public String payloadType() {
    return payloadType;
  }

  /** The payload as the envelope carries it: base64 text. */
  public String payload() {
    return payload;
  }

  /** The signatures, in envelope order. */
  public List<Signature> signatures() {
    return signatures;
  }

  /**
   * The payload bytes: standard base64, else URL-safe base64 (both padded), as DSSE allows.
   *
   * @throws InvalidEntryException (MALFORMED_ENTRY) if it is neither
   */
  public byte[] decodePayload() {
    return decode(payload)
        .orElseThrow(
            () -> malformed("unable to base64 decode payload (is payload in the right format?)"));
  }

  /**
   * The pre-authentication encoding DSSE signs: {@code "DSSEv1" SP len(type) SP type SP len(body)
   * SP body}, lengths in bytes as ASCII decimal.
   */
  public static byte[] pae(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + type.length + 32);
    byte[] header = (PAE_PREFIX + " " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
    out.write(header, 0, header.length);
    out.write(type, 0, type.length);
    byte[] middle = (" " + body.length + " ").getBytes(StandardCharsets.US_ASCII);
    out.write(middle, 0, middle.length);
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /**
   * The first signature, in envelope order, that {@code key} verifies over the PAE, as one
   * single-key {@code dsse.EnvelopeVerifier} finds it: a key accepts at most one signature.
   * Signatures whose key id is set and differs from {@code keyId} are skipped, unless {@code keyId}
   * is empty (Rekor's dsse and intoto 0.0.2 verifiers have none).
   *
   * @return empty if the key verifies no signature
   * @throws InvalidEntryException (MALFORMED_ENTRY) if there are no signatures or a payload or
   *     signature is not base64, which fails the envelope whatever the key
   */
  public Optional<Signature> firstVerifiedBy(X509PublicKey key, String keyId) {
    if (signatures.isEmpty()) {
      throw malformed("no signature found in the DSSE envelope");
    }
    byte[] pae = pae(payloadType, decodePayload());
    List<byte[]> raw = new ArrayList<>();
    for (Signature s : signatures) {
      raw.add(
          decode(s.sig())
              .orElseThrow(
                  () ->
                      malformed(
                          "unable to base64 decode payload (is payload in the right format?):"
                              + " a DSSE signature is not base64")));
    }
    for (int i = 0; i < signatures.size(); i++) {
      Signature s = signatures.get(i);
      if (!s.keyId().isEmpty() && !keyId.isEmpty() && !s.keyId().equals(keyId)) {
        continue;
      }
      try {
        key.verifyMessage(pae, raw.get(i));
        return Optional.of(s);
      } catch (InvalidEntryException e) {
        // not this signature; try the next one, as go-securesystemslib does
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that every signature is verified by one of {@code verifiers}, as Rekor's {@code
   * verifyEnvelope} for dsse and intoto 0.0.2: each verifier, in order, must verify a signature
   * (the first it can, in envelope order), and no signature may be left unverified.
   *
   * @param verifiers PEM public keys or certificates, as the client sent them
   * @return the verifying key of each signature, by the signature's base64 text (signatures with
   *     equal text are one); a later verifier replaces an earlier one for the same signature
   * @throws InvalidEntryException naming the verifier or the problem
   */
  public Map<String, X509PublicKey> verifyEverySignature(
      List<byte[]> verifiers, X509PublicKeyCache keys) {
    Map<String, X509PublicKey> bySignature = new LinkedHashMap<>();
    Set<String> unverified = new LinkedHashSet<>();
    signatures.forEach(s -> unverified.add(s.sig()));
    for (int i = 0; i < verifiers.size(); i++) {
      X509PublicKey key;
      try {
        key = keys.parse(verifiers.get(i));
      } catch (InvalidEntryException e) {
        throw new InvalidEntryException(
            e.reason(), "could not parse public key as x509: " + e.getMessage() + at(i));
      }
      Signature accepted;
      try {
        accepted = firstVerifiedBy(key, "").orElse(null);
      } catch (InvalidEntryException e) {
        throw new InvalidEntryException(e.reason(), "could not verify envelope: " + e.getMessage());
      }
      if (accepted == null) {
        throw new InvalidEntryException(
            Reason.INVALID_SIGNATURE,
            "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
                + " Expected 1: verifier "
                + i
                + " verifies no signature of the envelope");
      }
      unverified.remove(accepted.sig());
      bySignature.put(accepted.sig(), key);
    }
    if (!unverified.isEmpty()) {
      throw new InvalidEntryException(
          Reason.INVALID_SIGNATURE,
          "all signatures must have a key that verifies it: "
              + unverified.size()
              + " of "
              + signatures.size()
              + " signatures are verified by none of the keys sent");
    }
    return bySignature;
  }

  private static String at(int verifier) {
    return " (verifier " + verifier + ")";
  }

  /** Go's {@code StdEncoding}, then {@code URLEncoding}: padded, CR and LF ignored. */
  static Optional<byte[]> decode(String text) {
    Optional<byte[]> std = GoJson.stdBase64(text);
    if (std.isPresent()) {
      return std;
    }
    String compact = text.replace("\n", "").replace("\r", "");
    if (compact.length() % 4 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(compact));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
