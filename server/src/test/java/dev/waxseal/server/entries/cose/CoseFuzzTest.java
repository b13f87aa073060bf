package dev.waxseal.server.entries.cose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the cose kind's CBOR decoder and COSE_Sign1 reader with the key that signed the seed
 * message. See {@link EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to
 * run it.
 */
@Timeout(10)
class CoseFuzzTest {
  private static final String KEY =
      EntryFuzzing.b64(EntryFuzzing.resource("/dev/waxseal/server/entries/cose/fuzz-key.pem"));

  @FuzzTest(maxDuration = "5m")
  void coseMessage(byte[] message) {
    ObjectNode spec = EntryFuzzing.object();
    spec.put("message", EntryFuzzing.b64(message));
    spec.put("publicKey", KEY);
    spec.putObject("data");
    EntryFuzzing.canonicalOrRefused(message, CoseKind.KIND, CoseKind.API_VERSION, spec);
  }
}
