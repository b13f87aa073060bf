package dev.waxseal.server.entries.cose;

import static dev.waxseal.server.entries.cose.CoseKind.malformed;

import dev.waxseal.server.entries.cose.Cbor.Bytes;
import dev.waxseal.server.entries.cose.Cbor.CborException;
import dev.waxseal.server.entries.cose.Cbor.Simple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A decoded {@code COSE_Sign1_Tagged} message (RFC 9052 §4.2), read as go-cose's {@code
 * Sign1Message.UnmarshalCBOR}: tag 18 around a four-element array, a protected header that is a
 * byte string holding a map (or empty), an unprotected header map, the payload (a byte string, or
 * null when detached) and a non-empty signature.
 */
// Internal and short-lived: never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
record Sign1Message(
    byte[] rawProtected,
    Map<Object, Object> protectedHeader,
    byte @Nullable [] payload,
    byte[] signature) {

  /** COSE header label {@code alg} (RFC 9052 §3.1). */
  static final long ALG = 1;

  /** COSE header label {@code content type}. */
  static final long CONTENT_TYPE = 3;

  private static final long CRIT = 2;
  private static final long IV = 5;
  private static final long PARTIAL_IV = 6;

  /**
   * Decodes {@code message}.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException if it is not a valid COSE_Sign1_Tagged
   */
  static Sign1Message decode(byte[] message) {
    if (message.length < 2 || (message[0] & 0xff) != 0xd2 || (message[1] & 0xff) != 0x84) {
      throw malformed("cbor: invalid COSE_Sign1_Tagged object");
    }
    Object decoded;
    try {
      decoded = Cbor.decode(message, 1);
    } catch (CborException e) {
      throw malformed(String.valueOf(e.getMessage()));
    }
    if (!(decoded instanceof List<?> parts) || parts.size() != 4) {
      throw malformed("cbor: invalid COSE_Sign1_Tagged object");
    }
    byte[] rawProtected = bytes(parts.get(0), "protected header");
    if (!(parts.get(1) instanceof Map<?, ?> unprotected)) {
      throw malformed("cbor: unprotected header: require map type");
    }
    byte @Nullable [] payload = parts.get(2) == Simple.NULL ? null : bytes(parts.get(2), "payload");
    byte[] signature = bytes(parts.get(3), "signature");
    if (signature.length == 0) {
      throw malformed("empty signature");
    }
    Map<Object, Object> protectedHeader = protectedHeader(rawProtected);
    checkHeaders(protectedHeader, unprotected);
    return new Sign1Message(rawProtected, protectedHeader, payload, signature);
  }

  private static byte[] bytes(Object value, String what) {
    if (value instanceof Bytes bytes) {
      return bytes.value();
    }
    throw malformed("cbor: " + what + ": require byte string");
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> protectedHeader(byte[] raw) {
    if (raw.length == 0) {
      return Map.of();
    }
    Object decoded;
    try {
      decoded = Cbor.decode(raw, 0);
    } catch (CborException e) {
      throw malformed("cbor: protected header: " + e.getMessage());
    }
    if (!(decoded instanceof Map<?, ?> map)) {
      throw malformed("cbor: protected header: require map type");
    }
    return (Map<Object, Object>) map;
  }

  /** go-cose's header checks: label types, the common parameters' value types, no overlap. */
  private static void checkHeaders(Map<?, ?> protectedHeader, Map<?, ?> unprotected) {
    for (Map<?, ?> header : List.of(protectedHeader, unprotected)) {
      for (Map.Entry<?, ?> e : header.entrySet()) {
        Object label = e.getKey();
        if (!(label instanceof Long) && !(label instanceof String)) {
          throw malformed("header label: require int / tstr type");
        }
        checkValue(label, e.getValue());
      }
    }
    if (unprotected.containsKey(CRIT)) {
      throw malformed("unprotected header: header parameter: critical: not allowed");
    }
    for (Object label : unprotected.keySet()) {
      if (protectedHeader.containsKey(label)) {
        throw malformed(
            "header parameter exists in both protected and unprotected headers: " + label);
      }
    }
    boolean iv = protectedHeader.containsKey(IV) || unprotected.containsKey(IV);
    boolean partialIv =
        protectedHeader.containsKey(PARTIAL_IV) || unprotected.containsKey(PARTIAL_IV);
    if (iv && partialIv) {
      throw malformed(
          "IV (protected) and PartialIV (unprotected) parameters must not both be present");
    }
  }

  private static void checkValue(Object label, Object value) {
    if (!(label instanceof Long number)) {
      return;
    }
    boolean ok =
        switch (number.intValue()) {
          case 1 -> value instanceof Long || value instanceof String;
          case 2 -> value instanceof List<?> list && !list.isEmpty();
          case 3 -> value instanceof String || (value instanceof Long l && l >= 0);
          case 4, 5, 6 -> value instanceof Bytes;
          default -> true;
        };
    if (number < 1 || number > 6) {
      ok = true;
    }
    if (!ok) {
      throw malformed("header parameter " + label + ": invalid value type");
    }
  }

  /** The {@code alg} of the protected header, if it is an integer. */
  Optional<Long> algorithm() {
    Object alg = protectedHeader.get(ALG);
    return alg instanceof Long value ? Optional.of(value) : Optional.empty();
  }

  /** The protected {@code content type}, if it is a text string. */
  Optional<String> contentType() {
    Object type = protectedHeader.get(CONTENT_TYPE);
    return type instanceof String text ? Optional.of(text) : Optional.empty();
  }
}
