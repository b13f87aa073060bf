package dev.waxseal.server.entries.rfc3161;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rfc3161} 0.0.1, as Rekor v1's {@code pkg/types/rfc3161/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.tsr.content}: a DER {@code TimeStampResp} (RFC 3161 §2.4.2),
 * base64. It must be at most {@value #MAX_TSR_SIZE} bytes, have status granted or grantedWithMods,
 * carry a {@code SignedData} token, and every signer of that token must verify with a certificate
 * the token itself carries (no chain or trust check: Rekor's {@code Verify(nil, false)}). The body
 * keeps {@code tsr.content}, re-encoded as standard padded base64 of the decoded bytes; the only
 * search key is {@code sha256:<hex of the decoded response>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class Rfc3161Kind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "rfc3161";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  /** Rekor's fixed limit on the decoded response: 10 kB. */
  public static final int MAX_TSR_SIZE = 10 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /** The stored spec keeps the response itself: its hash, without checking it again. */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    return List.of("sha256:" + HEX.formatHex(Rfc6962.sha256(readContent(spec))));
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    byte[] tsr = readContent(spec);
    if (tsr.length > MAX_TSR_SIZE) {
      throw malformed("tsr exceeds maximum allowed size (10kB)");
    }
    TimeStampResponses.check(tsr);
    ObjectNode content = NODES.objectNode().put("content", Base64.getEncoder().encodeToString(tsr));
    ObjectNode body = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    body.putObject("spec").set("tsr", content);
    List<String> searchKeys = List.of("sha256:" + HEX.formatHex(Rfc6962.sha256(tsr)));
    return CanonicalEntry.of(KIND, API_VERSION, CanonicalJson.canonicalize(body), searchKeys);
  }

  private static byte[] readContent(JsonNode spec) {
    JsonNode tsr = spec.get("tsr");
    if (tsr == null || tsr.isNull()) {
      throw malformed("tsr in body is required");
    }
    if (!tsr.isObject()) {
      throw malformed("tsr in body must be of type object");
    }
    if (tsr.has("url")) {
      throw malformed(
          "tsr.url is not supported: timestamp responses cannot be fetched; send tsr.content");
    }
    JsonNode content = tsr.get("content");
    if (content == null || content.isNull()) {
      throw malformed("tsr.content in body is required");
    }
    if (!content.isString()) {
      throw malformed("tsr.content in body must be of type string");
    }
    byte[] decoded = decodeBase64(content.stringValue(), "tsr.content");
    if (decoded.length == 0) {
      throw malformed("'content' must be specified for data");
    }
    return decoded;
  }

  /** Go's {@code base64.StdEncoding}: standard alphabet, padded; CR and LF ignored. */
  static byte[] decodeBase64(String text, String field) {
    String compact =
        text.indexOf('\n') < 0 && text.indexOf('\r') < 0
            ? text
            : text.replace("\r", "").replace("\n", "");
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw malformed(field + " in body must be of type byte: standard padded base64");
    }
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
