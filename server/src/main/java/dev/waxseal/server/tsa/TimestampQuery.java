package dev.waxseal.server.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A timestamp request in either of timestamp-authority's forms: an RFC 3161 {@code TimeStampReq}
 * (DER, {@code application/timestamp-query}) or its JSON form ({@code application/json}: {@code
 * artifactHash} base64, {@code hashAlgorithm} sha256/sha384/sha512, {@code nonce}, {@code
 * certificates}, {@code tsaPolicyOID}), both as one BC {@link TimeStampRequest}.
 */
final class TimestampQuery {
  /** timestamp-authority's cap on a JSON request, in bytes. */
  static final int MAX_JSON_REQUEST_BYTES = 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, ASN1ObjectIdentifier> HASHES =
      Map.of(
          "sha256", NISTObjectIdentifiers.id_sha256,
          "sha384", NISTObjectIdentifiers.id_sha384,
          "sha512", NISTObjectIdentifiers.id_sha512);

  private TimestampQuery() {}

  /**
   * Parses a DER {@code TimeStampReq}.
   *
   * @throws TsaException (400) if it is not one
   */
  static TimeStampRequest fromDer(byte[] der) {
    try {
      return new TimeStampRequest(der);
    } catch (IOException | RuntimeException e) {
      throw TsaException.badRequest(TsaException.FAILED, "not a TimeStampReq: " + e.getMessage());
    }
  }

  /**
   * Parses the JSON form as timestamp-authority's {@code ParseJSONRequest} (Go {@code
   * encoding/json}: member names matched case-insensitively, unknown ones ignored).
   *
   * @throws TsaException (400) with timestamp-authority's message
   */
  static TimeStampRequest fromJson(byte[] body) {
    if (body.length > MAX_JSON_REQUEST_BYTES) {
      throw TsaException.badRequest(
          TsaException.TOO_LARGE, "request exceeds " + MAX_JSON_REQUEST_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw TsaException.badRequest(TsaException.FAILED, "failed to parse JSON into request");
    }
    if (root == null || !root.isObject()) {
      throw TsaException.badRequest(TsaException.FAILED, "failed to parse JSON into request");
    }
    String artifactHash = text(root, "artifactHash");
    boolean certificates = bool(root, "certificates");
    String hashAlgorithm = text(root, "hashAlgorithm");
    BigInteger nonce = nonce(root);
    String policy = text(root, "tsaPolicyOID");

    String lower = hashAlgorithm.toLowerCase(Locale.ROOT);
    if (lower.equals("sha1")) {
      throw TsaException.badRequest(TsaException.WEAK_HASH, "weak hash algorithm sha1");
    }
    ASN1ObjectIdentifier hashOid = HASHES.get(lower);
    if (hashOid == null) {
      throw TsaException.badRequest(
          TsaException.FAILED, "unsupported hash algorithm: " + hashAlgorithm);
    }
    ASN1ObjectIdentifier policyOid = policy.isEmpty() ? null : parseOid(policy);
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(artifactHash);
    } catch (IllegalArgumentException e) {
      throw TsaException.badRequest(
          TsaException.FAILED, "failed to decode base64 encoded artifact hash");
    }
    org.bouncycastle.tsp.TimeStampRequestGenerator generator =
        new org.bouncycastle.tsp.TimeStampRequestGenerator();
    generator.setCertReq(certificates);
    if (policyOid != null) {
      generator.setReqPolicy(policyOid);
    }
    return nonce == null
        ? generator.generate(hashOid, digest)
        : generator.generate(hashOid, digest, nonce);
  }

  /** Dotted decimal with at most 128 components, each a Go {@code int}. */
  static ASN1ObjectIdentifier parseOid(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length > 129) {
      throw TsaException.badRequest(TsaException.LONG_OID, "oid has too many sub identifiers");
    }
    for (String part : parts) {
      if (!part.matches("[+-]?[0-9]{1,18}")) {
        throw TsaException.badRequest(
            TsaException.LONG_OID, "failed to parse OID component \"" + part + "\"");
      }
    }
    try {
      return new ASN1ObjectIdentifier(dotted);
    } catch (IllegalArgumentException e) {
      // Go accepts any ints here and fails later; an OID Bouncy Castle cannot encode is refused.
      throw TsaException.badRequest(TsaException.LONG_OID, "invalid OID " + dotted);
    }
  }

  /** The member whose name equals {@code name} ignoring case, as Go's decoder matches it. */
  private static @Nullable JsonNode member(JsonNode root, String name) {
    JsonNode exact = root.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String text(JsonNode root, String name) {
    JsonNode node = member(root, name);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isString()) {
      throw TsaException.badRequest(TsaException.FAILED, name + " is not a string");
    }
    return node.stringValue();
  }

  private static boolean bool(JsonNode root, String name) {
    JsonNode node = member(root, name);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw TsaException.badRequest(TsaException.FAILED, name + " is not a boolean");
    }
    return node.booleanValue();
  }

  private static @Nullable BigInteger nonce(JsonNode root) {
    JsonNode node = member(root, "nonce");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw TsaException.badRequest(TsaException.FAILED, "nonce is not an integer");
    }
    return node.bigIntegerValue();
  }

  /** The SHA-1 OID, refused as weak. */
  static final ASN1ObjectIdentifier SHA1 = OIWObjectIdentifiers.idSHA1;

  /** The digest length of an accepted hash, or -1 if the hash is not accepted. */
  static int digestLength(ASN1ObjectIdentifier hash) {
    if (hash.equals(NISTObjectIdentifiers.id_sha256)) {
      return 32;
    }
    if (hash.equals(NISTObjectIdentifiers.id_sha384)) {
      return 48;
    }
    if (hash.equals(NISTObjectIdentifiers.id_sha512)) {
      return 64;
    }
    return -1;
  }
}
