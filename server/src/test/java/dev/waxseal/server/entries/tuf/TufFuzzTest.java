package dev.waxseal.server.entries.tuf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the tuf kind: the input is a TUF {@code root.json}, sent both as the metadata and as the
 * root that must verify it (a root signs itself), so that the key parsers, canonical JSON and the
 * threshold check all see it. Text that is not JSON is the entry JSON target's business. See {@link
 * EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class TufFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void rootMetadata(byte[] json) {
    JsonNode root;
    try {
      root = CanonicalJson.parse(json);
    } catch (IllegalArgumentException notJson) {
      return;
    }
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("metadata").set("content", root);
    spec.putObject("root").set("content", root);
    EntryFuzzing.canonicalOrRefused(json, TufKind.KIND, TufKind.API_VERSION, spec);
  }
}
