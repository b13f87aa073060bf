package dev.waxseal.server.entries.tuf;

import static dev.waxseal.server.entries.tuf.TufKind.malformed;

import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key of a TUF root, as go-tuf 0.7's {@code GetVerifier} (package {@code pkg/keys}) reads it with
 * Rekor's deprecated ECDSA support: {@code ed25519} (hex public key, no other {@code keyval}
 * members), {@code ecdsa} and {@code ecdsa-sha2-nistp256} (a PEM PKIX key, or else the deprecated
 * hex P-256 point; ASN.1 signatures over SHA-256), {@code rsa} (a PEM PKIX key; RSASSA-PSS SHA-256,
 * any salt length). Other key types are refused, which refuses the whole root, as go-tuf does.
 *
 * @param identity go-tuf's key identity (the canonical JSON its key id is hashed from), used to
 *     count each key once towards a threshold
 */
record TufKey(String type, AsymmetricKeyParameter key, String identity) {
  private static final HexFormat HEX = HexFormat.of();
  private static final ECDomainParameters P256 = domain();

  /**
   * An ed25519 key whose bytes are not a curve point: it verifies no signature ({@link #verify}).
   */
  private static final AsymmetricKeyParameter NOT_A_POINT = new AsymmetricKeyParameter(false);

  private static ECDomainParameters domain() {
    var curve = ECNamedCurveTable.getByName("P-256");
    return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
  }

  /** Parses one member of the root's key map. */
  static TufKey parse(String id, JsonNode key) {
    if (!key.isObject()) {
      throw malformed("tuf: key " + id + " is not an object");
    }
    String type = text(key, "keytype", id);
    JsonNode value = key.get("keyval");
    if (value == null || !value.isObject()) {
      throw malformed("tuf: error unmarshalling key " + id + ": keyval must be an object");
    }
    AsymmetricKeyParameter parameter =
        switch (type) {
          case "ed25519" -> ed25519(value, id);
          case "ecdsa", "ecdsa-sha2-nistp256" -> ecdsa(value, id);
          case "rsa" -> rsa(value, id);
          default -> throw malformed("tuf: invalid key " + id + ": unsupported key type " + type);
        };
    return new TufKey(type, parameter, identity(key, id));
  }

  private static String identity(JsonNode key, String id) {
    ObjectNode canonical = JsonNodeFactory.instance.objectNode();
    canonical.put("keytype", text(key, "keytype", id));
    canonical.put("scheme", key.has("scheme") ? text(key, "scheme", id) : "");
    JsonNode algorithms = key.get("keyid_hash_algorithms");
    if (algorithms != null && algorithms.isArray() && !algorithms.isEmpty()) {
      canonical.set("keyid_hash_algorithms", algorithms);
    }
    canonical.set("keyval", key.get("keyval"));
    return new String(TufCanonicalJson.encode(canonical), StandardCharsets.UTF_8);
  }

  private static AsymmetricKeyParameter ed25519(JsonNode value, String id) {
    if (!onlyPublic(value)) {
      throw malformed("tuf: error unmarshalling key " + id + ": unknown field in keyval");
    }
    byte[] raw = hex(value.get("public"), id);
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw malformed("tuf: unexpected public key length for ed25519 key " + id);
    }
    try {
      return new Ed25519PublicKeyParameters(raw);
    } catch (IllegalArgumentException notAPoint) {
      // go-tuf takes any 32 bytes as an ed25519 key, and crypto/ed25519.Verify then fails every
      // signature under bytes that are not a curve point; Bouncy Castle refuses them up front.
      return NOT_A_POINT;
    }
  }

  private static AsymmetricKeyParameter ecdsa(JsonNode value, String id) {
    JsonNode pub = value.get("public");
    if (onlyPublic(value) && pub != null && pub.isString()) {
      AsymmetricKeyParameter pem = pemOrNull(pub.stringValue());
      if (pem instanceof ECPublicKeyParameters) {
        return pem;
      }
    }
    // go-tuf's deprecated format: the uncompressed P-256 point in hex.
    byte[] point = hex(pub, id);
    try {
      if (point.length != 65 || point[0] != 4) {
        throw new IllegalArgumentException("not an uncompressed point");
      }
      ECPoint decoded = P256.getCurve().decodePoint(point);
      return new ECPublicKeyParameters(decoded, P256);
    } catch (IllegalArgumentException e) {
      throw malformed("tuf: error unmarshalling key " + id + ": invalid ecdsa public key point");
    }
  }

  private static AsymmetricKeyParameter rsa(JsonNode value, String id) {
    JsonNode pub = value.get("public");
    AsymmetricKeyParameter key =
        pub != null && pub.isString() ? pemOrNull(pub.stringValue()) : null;
    if (!(key instanceof RSAKeyParameters)) {
      throw malformed("tuf: error unmarshalling key " + id + ": invalid public key");
    }
    return key;
  }

  private static @org.jspecify.annotations.Nullable AsymmetricKeyParameter pemOrNull(String pem) {
    var block = Pem.decodeFirst(pem.getBytes(StandardCharsets.UTF_8));
    if (block.isEmpty() || !block.get().type().equals("PUBLIC KEY")) {
      return null;
    }
    try {
      return PublicKeyFactory.createKey(block.get().der());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Verifies {@code signature} over {@code message} with this key's scheme. */
  boolean verify(byte[] message, byte[] signature) {
    try {
      if (key instanceof Ed25519PublicKeyParameters ed) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, ed);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
      }
      if (key instanceof ECPublicKeyParameters ec) {
        ASN1Sequence rs = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
        if (rs.size() != 2) {
          return false;
        }
        BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getPositiveValue();
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, ec);
        return verifier.verifySignature(sha256(message), r, s);
      }
      if (key instanceof RSAKeyParameters rsa) {
        return Pss.verifyAnySaltLength(rsa, sha256(message), signature);
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] sha256(byte[] message) {
    SHA256Digest digest = new SHA256Digest();
    byte[] out = new byte[32];
    digest.update(message, 0, message.length);
    digest.doFinal(out, 0);
    return out;
  }

  /** Go's {@code DisallowUnknownFields} on a {@code {"public": ...}} value. */
  private static boolean onlyPublic(JsonNode object) {
    for (String name : object.propertyNames()) {
      if (!name.equals("public")) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hex(@org.jspecify.annotations.Nullable JsonNode node, String id) {
    if (node == null || !node.isString() || node.stringValue().length() % 2 != 0) {
      throw malformed("tuf: error unmarshalling key " + id + ": invalid JSON hex bytes");
    }
    try {
      return HEX.parseHex(node.stringValue());
    } catch (IllegalArgumentException e) {
      throw malformed("tuf: error unmarshalling key " + id + ": invalid JSON hex bytes");
    }
  }

  private static String text(JsonNode object, String name, String id) {
    JsonNode value = object.get(name);
    if (value == null || !value.isString()) {
      throw malformed("tuf: key " + id + ": " + name + " must be a string");
    }
    return value.stringValue();
  }
}
