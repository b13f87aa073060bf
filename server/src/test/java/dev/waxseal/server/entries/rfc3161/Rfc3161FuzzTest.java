package dev.waxseal.server.entries.rfc3161;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the rfc3161 kind: DER {@code TimeStampResp}, its CMS signed data and signer check. See
 * {@link EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class Rfc3161FuzzTest {
  @FuzzTest(maxDuration = "5m")
  void timeStampResponse(byte[] tsr) {
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("tsr").put("content", EntryFuzzing.b64(tsr));
    EntryFuzzing.canonicalOrRefused(tsr, Rfc3161Kind.KIND, Rfc3161Kind.API_VERSION, spec);
  }
}
