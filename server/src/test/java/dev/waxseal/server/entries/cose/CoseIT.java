package dev.waxseal.server.entries.cose;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import dev.waxseal.server.entries.rfc3161.KindHttpIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** cose over HTTP: a COSE_Sign1 made in the test is logged and proven; a tampered one is not. */
class CoseIT extends KindHttpIntegrationTest {
  private static ObjectNode spec(byte[] message, byte[] key) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.put("message", Base64.getEncoder().encodeToString(message));
    spec.put("publicKey", Base64.getEncoder().encodeToString(key));
    spec.putObject("data");
    return spec;
  }

  @Test
  void logsACoseMessageAndRefusesATamperedOne() {
    KeyPair keys = Signers.keyPair(Kind.P256, "cose-http");
    byte[] payload = "cose over http\n".getBytes(StandardCharsets.UTF_8);
    byte[] message =
        CoseMessages.sign1(
            keys,
            "SHA256withPLAIN-ECDSA",
            CoseMessages.protectedHeader(CoseSignatures.ES256, "text/plain"),
            payload,
            new byte[0]);
    byte[] key = Signers.publicKeyPem(keys);
    byte[] expected =
        new CoseKind(new X509PublicKeyCache(4), 100 * 1024)
            .canonicalize(spec(message, key), Purpose.APPEND)
            .body();

    createsAndProves(proposed("cose", spec(message, key)), expected);

    byte[] tampered = message.clone();
    tampered[tampered.length - 1] ^= 0x01;
    refused(proposed("cose", spec(tampered, key)));
  }
}
