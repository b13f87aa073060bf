package dev.waxseal.server.entries.rfc3161;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * rfc3161 over HTTP: a response from the test's TSA is logged and proven; a tampered one is not.
 */
class Rfc3161IT extends KindHttpIntegrationTest {
  @Test
  void logsATimeStampResponseAndRefusesATamperedOne() {
    byte[] tsr = new TestAuthority().respond("over http".getBytes(StandardCharsets.UTF_8), true);
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("tsr").put("content", Base64.getEncoder().encodeToString(tsr));
    byte[] expected = new Rfc3161Kind().canonicalize(spec, Purpose.APPEND).body();

    createsAndProves(proposed("rfc3161", spec), expected);

    byte[] tampered = tsr.clone();
    tampered[tampered.length - 3] ^= 0x01;
    ObjectNode bad = CanonicalJson.mapper().createObjectNode();
    bad.putObject("tsr").put("content", Base64.getEncoder().encodeToString(tampered));
    refused(proposed("rfc3161", bad));
  }
}
