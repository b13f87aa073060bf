package dev.waxseal.server.entries.tuf;

import static dev.waxseal.server.entries.tuf.TufKind.malformed;

import dev.waxseal.server.entries.CanonicalJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TUF signed envelope ({@code {"signed": ..., "signatures": [{keyid, sig}]}}) as go-tuf's {@code
 * data.Signed} reads it, with the header fields go-tuf's {@code signedMeta} takes from {@code
 * signed}.
 *
 * @param signed the {@code signed} object
 * @param signatures the signatures, {@code sig} decoded from hex
 * @param type {@code _type}, empty if absent
 * @param version {@code version}, 0 if absent
 * @param expires {@code expires}; {@link Instant#MIN} if absent (Go's zero time: expired)
 * @param specVersion {@code spec_version}, empty if absent
 */
record SignedMetadata(
    JsonNode signed,
    List<Signature> signatures,
    String type,
    long version,
    Instant expires,
    String specVersion) {

  /** One signature: the key id and the signature bytes. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Signature(String keyId, byte[] sig) {}

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  /**
   * Reads an envelope.
   *
   * @param what "metadata" or "root", for messages
   */
  static SignedMetadata read(JsonNode envelope, String what) {
    if (!envelope.isObject()) {
      throw malformed(what + ".content in body must be of type object");
    }
    JsonNode signed = envelope.get("signed");
    if (signed == null || !signed.isObject()) {
      throw malformed("tuf: " + what + ": signed must be a JSON object");
    }
    List<Signature> signatures = new ArrayList<>();
    JsonNode list = envelope.get("signatures");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw malformed("tuf: " + what + ": signatures must be an array");
      }
      for (JsonNode s : list.values()) {
        signatures.add(signature(s, what));
      }
    }
    return new SignedMetadata(
        signed,
        List.copyOf(signatures),
        string(signed, "_type", what),
        version(signed, what),
        expires(signed, what),
        string(signed, "spec_version", what));
  }

  private static Signature signature(JsonNode s, String what) {
    if (s.isNull()) {
      return new Signature("", new byte[0]);
    }
    if (!s.isObject()) {
      throw malformed("tuf: " + what + ": a signature must be an object");
    }
    String keyId = string(s, "keyid", what);
    JsonNode sig = s.get("sig");
    if (sig == null || sig.isNull()) {
      return new Signature(keyId, new byte[0]);
    }
    if (!sig.isString() || sig.stringValue().length() % 2 != 0) {
      throw malformed("tuf: invalid JSON hex bytes");
    }
    try {
      return new Signature(keyId, HEX.parseHex(sig.stringValue()));
    } catch (IllegalArgumentException e) {
      throw malformed("tuf: invalid JSON hex bytes");
    }
  }

  private static String string(JsonNode object, String name, String what) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw malformed("tuf: " + what + ": " + name + " must be a string");
    }
    return value.stringValue();
  }

  private static long version(JsonNode signed, String what) {
    JsonNode value = signed.get("version");
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw malformed("tuf: " + what + ": version must be an integer");
    }
    return value.longValue();
  }

  private static Instant expires(JsonNode signed, String what) {
    JsonNode value = signed.get("expires");
    if (value == null || value.isNull()) {
      return Instant.MIN;
    }
    if (!value.isString() || !RFC3339.matcher(value.stringValue()).matches()) {
      throw malformed("tuf: " + what + ": expires must be an RFC 3339 time");
    }
    try {
      return OffsetDateTime.parse(value.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("tuf: " + what + ": expires must be an RFC 3339 time");
    }
  }

  /**
   * Rekor's stored form ({@code CanonicalValue()}): go-tuf's {@code data.Signed} re-marshalled
   * ({@code signed} as sent, signatures as {@code {keyid, sig}} with lower-case hex) and then RFC
   * 8785 canonicalized.
   */
  byte[] canonical() {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.set("signed", signed);
    // Only verified envelopes are stored, so there is at least one signature.
    var array = envelope.putArray("signatures");
    for (Signature s : signatures) {
      array.addObject().put("keyid", s.keyId()).put("sig", HEX.formatHex(s.sig()));
    }
    return CanonicalJson.canonicalize(envelope);
  }
}
