package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Signature;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protojson form of the stored {@code dev.sigstore.rekor.v2.Entry} and its parts, as
 * rekor-tiles marshals them ({@code protojson.Marshal}, default options): JSON names, bytes as
 * padded standard base64, enums by name, unset fields left out. Member order does not matter: the
 * result is canonicalized with RFC 8785 (JCS) before it becomes the leaf.
 */
final class EntryJson {
  static final String API_VERSION = "0.0.2";

  private EntryJson() {}

  /** {@code {"apiVersion":"0.0.2","kind":kind,"spec":{specField: spec}}}, canonicalized. */
  static byte[] entry(String kind, String specField, ObjectNode spec) {
    ObjectNode entry = object();
    entry.put("apiVersion", API_VERSION);
    entry.put("kind", kind);
    entry.set("spec", object().set(specField, spec));
    return CanonicalJson.canonicalize(entry);
  }

  /** {@code HashOutput}: {@code {"algorithm":name,"digest":b64}}. */
  static ObjectNode hashOutput(String algorithm, byte[] digest) {
    ObjectNode out = object();
    out.put("algorithm", algorithm);
    putBytes(out, "digest", digest);
    return out;
  }

  /** {@code Signature}: {@code {"content":b64,"verifier":{…}}}, from what the client sent. */
  static ObjectNode signature(byte[] content, Verifier verifier) {
    ObjectNode out = object();
    putBytes(out, "content", content);
    out.set("verifier", verifier(verifier));
    return out;
  }

  /** The request's signature as sent. */
  static ObjectNode signature(Signature signature, Verifier verifier) {
    return signature(signature.content(), verifier);
  }

  /** {@code Verifier}: the key or certificate as sent and {@code keyDetails} by enum name. */
  static ObjectNode verifier(Verifier verifier) {
    ObjectNode out = object();
    byte[] publicKey = verifier.publicKey();
    byte[] certificate = verifier.certificate();
    if (publicKey != null) {
      ObjectNode raw = object();
      putBytes(raw, "rawBytes", publicKey);
      out.set("publicKey", raw);
    } else if (certificate != null) {
      ObjectNode raw = object();
      putBytes(raw, "rawBytes", certificate);
      out.set("x509Certificate", raw);
    }
    if (verifier.keyDetails() != 0) {
      String name =
          PublicKeyDetails.byNumber(verifier.keyDetails())
              .map(Enum::name)
              .orElseThrow(() -> new IllegalStateException("unknown keyDetails accepted"));
      out.put("keyDetails", name);
    }
    return out;
  }

  private static void putBytes(ObjectNode node, String name, byte[] value) {
    if (value.length > 0) { // protojson leaves empty bytes out
      node.put(name, Base64.getEncoder().encodeToString(value));
    }
  }

  static ObjectNode object() {
    return CanonicalJson.mapper().createObjectNode();
  }
}
