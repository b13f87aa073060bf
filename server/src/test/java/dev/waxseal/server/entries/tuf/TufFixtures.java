package dev.waxseal.server.entries.tuf;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** TUF keys, roots and role metadata made and signed in the test. */
final class TufFixtures {
  private static final HexFormat HEX = HexFormat.of();

  private TufFixtures() {}

  /** A signing key of the test: its TUF key object, id and JCA signature algorithm. */
  record Key(String id, ObjectNode json, KeyPair keys, String jcaAlgorithm) {}

  static Key ed25519(String label) {
    KeyPair keys = Signers.keyPair(Kind.ED25519, label);
    byte[] spki = keys.getPublic().getEncoded();
    ObjectNode json = CanonicalJson.mapper().createObjectNode();
    json.put("keytype", "ed25519").put("scheme", "ed25519");
    json.putObject("keyval")
        .put("public", HEX.formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
    return new Key(keyId(json), json, keys, "Ed25519");
  }

  static Key ecdsa(String label) {
    KeyPair keys = Signers.keyPair(Kind.P256, label);
    ObjectNode json = CanonicalJson.mapper().createObjectNode();
    json.put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256");
    json.putObject("keyval")
        .put("public", new String(Signers.publicKeyPem(keys), StandardCharsets.US_ASCII));
    return new Key(keyId(json), json, keys, "SHA256withECDSA");
  }

  static Key rsa(String label) {
    KeyPair keys = Signers.keyPair(Kind.RSA2048, label);
    ObjectNode json = CanonicalJson.mapper().createObjectNode();
    json.put("keytype", "rsa").put("scheme", "rsassa-pss-sha256");
    json.putObject("keyval")
        .put("public", new String(Signers.publicKeyPem(keys), StandardCharsets.US_ASCII));
    return new Key(keyId(json), json, keys, "SHA256withRSAandMGF1");
  }

  private static String keyId(ObjectNode json) {
    return Signers.sha256Hex(TufCanonicalJson.encode(json));
  }

  /** A root's {@code signed}: every key, and each role with its keys and threshold. */
  static ObjectNode rootSigned(String expires, Object... rolesKeysThresholds) {
    ObjectNode signed = CanonicalJson.mapper().createObjectNode();
    signed.put("_type", "root").put("spec_version", "1.0.31").put("version", 1);
    signed.put("expires", expires).put("consistent_snapshot", true);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (int i = 0; i < rolesKeysThresholds.length; i += 3) {
      String role = (String) rolesKeysThresholds[i];
      Key[] roleKeys = (Key[]) rolesKeysThresholds[i + 1];
      ObjectNode roleNode = roles.putObject(role);
      ArrayNode ids = roleNode.putArray("keyids");
      for (Key key : roleKeys) {
        keys.set(key.id(), key.json());
        ids.add(key.id());
      }
      roleNode.put("threshold", (Integer) rolesKeysThresholds[i + 2]);
    }
    return signed;
  }

  /** A targets role's {@code signed} with one target. */
  static ObjectNode targetsSigned(String expires, int version) {
    ObjectNode signed = CanonicalJson.mapper().createObjectNode();
    signed.put("_type", "targets").put("spec_version", "1.0.31").put("version", version);
    signed.put("expires", expires);
    ObjectNode target = signed.putObject("targets").putObject("artifact.txt");
    target.put("length", 6);
    target.putObject("hashes").put("sha256", "ab".repeat(32));
    return signed;
  }

  /** The envelope of {@code signed}, signed by each of {@code keys}. */
  static ObjectNode sign(ObjectNode signed, Key... keys) {
    byte[] message = TufCanonicalJson.encode(signed);
    ObjectNode envelope = CanonicalJson.mapper().createObjectNode();
    envelope.set("signed", signed);
    ArrayNode signatures = envelope.putArray("signatures");
    for (Key key : keys) {
      try {
        Signature signer = Signature.getInstance(key.jcaAlgorithm(), Signers.BC);
        signer.initSign(key.keys().getPrivate());
        signer.update(message);
        signatures.addObject().put("keyid", key.id()).put("sig", HEX.formatHex(signer.sign()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return envelope;
  }
}
