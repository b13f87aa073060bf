package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Dsse;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Envelope;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.EnvelopeSignature;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.HashedRekord;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Signature;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Reads a {@code CreateEntryRequest} as rekor-tiles' HTTP gateway does: Go's {@code json.Decoder}
 * takes the first JSON value of the body (what follows it is ignored, an empty body is an empty
 * request), then {@code protojson.Unmarshal} with unknown fields refused.
 *
 * <p>protojson's rules kept here: a field is found by its JSON name, else by its proto name; an
 * unknown or repeated field, a second member of a oneof, a message that is not an object and a
 * value of the wrong type are errors with protojson's text and {@code (line L:C)} position; {@code
 * null} leaves a field unset; bytes are standard or URL-safe base64, with or without padding (Go's
 * choice by the presence of {@code -_} and the length); an enum is its name or an int32 number.
 *
 * <p>Every error is a 400 (code 3) whose message is the decoder's text, as grpc-gateway answers.
 * protojson starts its messages with {@code "proto:"} and then, at random per Go build, a space or
 * a no-break space; this reader always writes a space. Go's JSON syntax errors are reproduced for
 * an invalid first character and a truncated body ({@code "unexpected EOF"}); other syntax errors
 * say {@code "invalid character 'c' in JSON"} where Go names the grammar position.
 */
final class ProtoJsonReader {
  private static final String PROTO = "proto: ";

  private static final Schema REQUEST =
      new Schema(
          "dev.sigstore.rekor.v2.CreateEntryRequest",
          new Field("hashedRekordRequestV002", "hashed_rekord_request_v002", 1, "spec"),
          new Field("dsseRequestV002", "dsse_request_v002", 2, "spec"));
  private static final Schema HASHED_REKORD =
      new Schema(
          "dev.sigstore.rekor.v2.HashedRekordRequestV002",
          new Field("digest", "digest", 1, null),
          new Field("signature", "signature", 2, null));
  private static final Schema SIGNATURE =
      new Schema(
          "dev.sigstore.rekor.v2.Signature",
          new Field("content", "content", 1, null),
          new Field("verifier", "verifier", 2, null));
  private static final Schema VERIFIER =
      new Schema(
          "dev.sigstore.rekor.v2.Verifier",
          new Field("publicKey", "public_key", 1, "verifier"),
          new Field("x509Certificate", "x509_certificate", 2, "verifier"),
          new Field("keyDetails", "key_details", 3, null));
  private static final Schema RAW_BYTES =
      new Schema("dev.sigstore.rekor.v2.PublicKey", new Field("rawBytes", "raw_bytes", 1, null));
  private static final Schema DSSE =
      new Schema(
          "dev.sigstore.rekor.v2.DSSERequestV002",
          new Field("envelope", "envelope", 1, null),
          new Field("verifiers", "verifiers", 2, null));
  private static final Schema ENVELOPE =
      new Schema(
          "io.intoto.Envelope",
          new Field("payload", "payload", 1, null),
          new Field("payloadType", "payloadType", 2, null),
          new Field("signatures", "signatures", 3, null));
  private static final Schema ENVELOPE_SIGNATURE =
      new Schema(
          "io.intoto.Signature",
          new Field("sig", "sig", 1, null),
          new Field("keyid", "keyid", 2, null));

  private final JsonParser parser;

  private ProtoJsonReader(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Reads the request body.
   *
   * @throws RekorV2Exception (400, code 3) with the decoder's message
   */
  static CreateEntryRequest read(byte[] body) {
    int start = 0;
    while (start < body.length && isJsonSpace(body[start])) {
      start++;
    }
    if (start == body.length) {
      // io.EOF: grpc-gateway ignores it and calls the service with an empty request.
      return new CreateEntryRequest(null, null);
    }
    checkSyntax(body, start);
    try (JsonParser p = CanonicalJson.mapper().createParser(body, start, body.length - start)) {
      p.nextToken();
      return new ProtoJsonReader(p).request();
    }
  }

  /** Go's first pass: the first value must be well-formed JSON. */
  private static void checkSyntax(byte[] body, int start) {
    char first = (char) (body[start] & 0xff);
    if ("{[\"-0123456789tfn".indexOf(first) < 0) {
      throw RekorV2Exception.invalidArgument(
          "invalid character " + goQuoteChar(first) + " looking for beginning of value");
    }
    try (JsonParser p = CanonicalJson.mapper().createParser(body, start, body.length - start)) {
      readValue(p);
    } catch (UnexpectedEndOfInputException e) {
      throw RekorV2Exception.invalidArgument("unexpected EOF");
    } catch (JacksonException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      int at = offset < 0 ? start : (int) Math.min(body.length - 1, start + offset);
      throw RekorV2Exception.invalidArgument(
          "invalid character " + goQuoteChar((char) (body[at] & 0xff)) + " in JSON");
    }
  }

  /**
   * Reads the first value token by token. Not {@code skipChildren()}: it skips strings without
   * decoding them, so a raw control character in a string got past this check and failed later as a
   * Jackson exception (HTTP 500) instead of Go's syntax error.
   */
  private static void readValue(JsonParser p) {
    int depth = 0;
    JsonToken token = p.nextToken();
    while (true) {
      if (token == null) {
        throw RekorV2Exception.invalidArgument("unexpected EOF");
      }
      switch (token) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_STRING -> p.getString();
        default -> {}
      }
      if (depth == 0) {
        return;
      }
      token = p.nextToken();
    }
  }

  private CreateEntryRequest request() {
    HashedRekord[] hashedRekord = {null};
    Dsse[] dsse = {null};
    readMessage(
        REQUEST,
        field -> {
          if (field.number == 1) {
            hashedRekord[0] = hashedRekord();
          } else {
            dsse[0] = dsse();
          }
        });
    return new CreateEntryRequest(hashedRekord[0], dsse[0]);
  }

  private HashedRekord hashedRekord() {
    byte[][] digest = {new byte[0]};
    Signature[] signature = {null};
    readMessage(
        HASHED_REKORD,
        field -> {
          if (field.number == 1) {
            digest[0] = bytes(field);
          } else {
            signature[0] = signature();
          }
        });
    return new HashedRekord(digest[0], signature[0]);
  }

  private Signature signature() {
    byte[][] content = {new byte[0]};
    Verifier[] verifier = {null};
    readMessage(
        SIGNATURE,
        field -> {
          if (field.number == 1) {
            content[0] = bytes(field);
          } else {
            verifier[0] = verifier();
          }
        });
    return new Signature(content[0], verifier[0]);
  }

  private Verifier verifier() {
    byte[][] publicKey = {null};
    byte[][] certificate = {null};
    int[] keyDetails = {0};
    readMessage(
        VERIFIER,
        field -> {
          switch (field.number) {
            case 1 -> publicKey[0] = rawBytes();
            case 2 -> certificate[0] = rawBytes();
            default -> keyDetails[0] = keyDetails(field);
          }
        });
    return new Verifier(publicKey[0], certificate[0], keyDetails[0]);
  }

  /** {@code PublicKey} or {@code X509Certificate}: both are one {@code raw_bytes} field. */
  private byte[] rawBytes() {
    byte[][] raw = {new byte[0]};
    readMessage(RAW_BYTES, field -> raw[0] = bytes(field));
    return raw[0];
  }

  private Dsse dsse() {
    Envelope[] envelope = {null};
    List<Verifier> verifiers = new ArrayList<>();
    readMessage(
        DSSE,
        field -> {
          if (field.number == 1) {
            envelope[0] = envelope();
          } else {
            readList(() -> verifiers.add(verifier()));
          }
        });
    return new Dsse(envelope[0], List.copyOf(verifiers));
  }

  private Envelope envelope() {
    byte[][] payload = {new byte[0]};
    String[] payloadType = {""};
    List<EnvelopeSignature> signatures = new ArrayList<>();
    readMessage(
        ENVELOPE,
        field -> {
          switch (field.number) {
            case 1 -> payload[0] = bytes(field);
            case 2 -> payloadType[0] = string(field);
            default -> readList(() -> signatures.add(envelopeSignature()));
          }
        });
    return new Envelope(payload[0], payloadType[0], List.copyOf(signatures));
  }

  private EnvelopeSignature envelopeSignature() {
    byte[][] sig = {new byte[0]};
    String[] keyid = {""};
    readMessage(
        ENVELOPE_SIGNATURE,
        field -> {
          if (field.number == 1) {
            sig[0] = bytes(field);
          } else {
            keyid[0] = string(field);
          }
        });
    return new EnvelopeSignature(sig[0], keyid[0]);
  }

  /**
   * Reads the object at the current token, calling {@code reader} with the parser on each set
   * field's value, as protojson's {@code unmarshalMessage}.
   */
  private void readMessage(Schema schema, FieldReader reader) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw unexpectedToken();
    }
    Set<Integer> seen = new HashSet<>();
    Set<String> oneofs = new HashSet<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      TokenStreamLocation at = parser.currentTokenLocation();
      Field field = schema.field(name).orElseThrow(() -> error(at, "unknown field " + quote(name)));
      if (!seen.add(field.number)) {
        throw error(at, "duplicate field " + quote(name));
      }
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        continue; // null leaves the field unset
      }
      if (field.oneof != null && !oneofs.add(field.oneof)) {
        throw error(
            at,
            "error parsing "
                + quote(name)
                + ", oneof "
                + schema.fullName
                + "."
                + field.oneof
                + " is already set");
      }
      reader.read(field);
    }
  }

  private void readList(Runnable element) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw unexpectedToken();
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      element.run();
    }
  }

  private byte[] bytes(Field field) {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      Optional<byte[]> decoded = goBase64(parser.getString());
      if (decoded.isPresent()) {
        return decoded.get();
      }
    }
    throw invalidValue("bytes", field);
  }

  private String string(Field field) {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw invalidValue("string", field);
    }
    return parser.getString();
  }

  private int keyDetails(Field field) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      Optional<PublicKeyDetails> named = PublicKeyDetails.byName(parser.getString());
      if (named.isPresent()) {
        return named.get().number();
      }
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      long value = parser.getLongValue();
      if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
        return (int) value; // proto3 enums are open: any int32 is kept
      }
    }
    throw invalidValue("enum", field);
  }

  private RekorV2Exception invalidValue(String kind, Field field) {
    return error(
        parser.currentTokenLocation(),
        "invalid value for " + kind + " field " + field.jsonName + ": " + rawToken());
  }

  private RekorV2Exception unexpectedToken() {
    return RekorV2Exception.invalidArgument(
        PROTO
            + "syntax error "
            + position(parser.currentTokenLocation())
            + ": unexpected token "
            + rawToken());
  }

  private String rawToken() {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return quote(parser.getString());
    }
    return token == null ? "" : parser.getText();
  }

  private static RekorV2Exception error(TokenStreamLocation at, String message) {
    return RekorV2Exception.invalidArgument(PROTO + position(at) + ": " + message);
  }

  private static String position(TokenStreamLocation at) {
    return "(line " + at.getLineNr() + ":" + at.getColumnNr() + ")";
  }

  /** A JSON string literal of {@code s}, as the raw text of a simple name or value token. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Go's {@code %q} of a byte, as {@code encoding/json} quotes an invalid character. */
  private static String goQuoteChar(char c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    if (c < 0x20 || c >= 0x7f) {
      return String.format("'\\x%02x'", (int) c);
    }
    return "'" + c + "'";
  }

  private static boolean isJsonSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /**
   * protojson's bytes decoding: URL-safe alphabet if the text has {@code -} or {@code _}, padding
   * expected only if the length is a multiple of 4; CR and LF are skipped, as Go's decoder does.
   */
  static Optional<byte[]> goBase64(String text) {
    boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    boolean padded = text.length() % 4 == 0;
    String compact = text.replace("\r", "").replace("\n", "");
    if (padded ? compact.length() % 4 != 0 : compact.indexOf('=') >= 0) {
      return Optional.empty();
    }
    try {
      Base64.Decoder decoder = url ? Base64.getUrlDecoder() : Base64.getDecoder();
      return Optional.of(decoder.decode(compact));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Reads one set field; the parser is on the value's first token. */
  @FunctionalInterface
  private interface FieldReader {
    void read(Field field);
  }

  /** A message field: its JSON and proto names, number and oneof (null if none). */
  private record Field(String jsonName, String protoName, int number, @Nullable String oneof) {}

  /** A message: its full name and fields. */
  private record Schema(String fullName, List<Field> fields) {
    Schema(String fullName, Field... fields) {
      this(fullName, List.of(fields));
    }

    Optional<Field> field(String name) {
      for (Field f : fields) {
        if (f.jsonName.equals(name)) {
          return Optional.of(f);
        }
      }
      return fields.stream().filter(f -> f.protoName.equals(name)).findFirst();
    }
  }
}
