package dev.waxseal.server.entries.cose;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid cose proposed entry, made as {@link CoseIT} makes its own, for tests outside this package
 * (the API's OpenAPI contract test).
 */
public final class CoseSamples {
  private CoseSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: an ES256
   * COSE_Sign1 over {@code payload} with the PEM key that verifies it.
   */
  public static String proposedEntry(String payload) {
    KeyPair keys = Signers.keyPair(Kind.P256, "cose-samples");
    byte[] message =
        CoseMessages.sign1(
            keys,
            "SHA256withPLAIN-ECDSA",
            CoseMessages.protectedHeader(CoseSignatures.ES256, "text/plain"),
            payload.getBytes(StandardCharsets.UTF_8),
            new byte[0]);
    ObjectNode entry = CanonicalJson.mapper().createObjectNode();
    entry.put("apiVersion", "0.0.1").put("kind", "cose");
    ObjectNode spec = entry.putObject("spec");
    spec.put("message", Base64.getEncoder().encodeToString(message));
    spec.put("publicKey", Base64.getEncoder().encodeToString(Signers.publicKeyPem(keys)));
    spec.putObject("data");
    return entry.toString();
  }
}
