package dev.waxseal.server.entries.helm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the helm kind's provenance parser (OpenPGP clear-signed message, chart metadata YAML, file
 * hashes) with the key that signed the seed. See {@link EntryFuzzing} for what each input must end
 * in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class HelmFuzzTest {
  private static final String KEY =
      EntryFuzzing.b64(EntryFuzzing.resource("/dev/waxseal/server/entries/helm/fuzz-key.asc"));

  @FuzzTest(maxDuration = "5m")
  void provenance(byte[] provenance) {
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("chart").putObject("provenance").put("content", EntryFuzzing.b64(provenance));
    spec.putObject("publicKey").put("content", KEY);
    EntryFuzzing.canonicalOrRefused(provenance, HelmKind.KIND, HelmKind.API_VERSION, spec);
  }
}
