package dev.waxseal.server.entries.jar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the jar kind: the ZIP reader, the manifests and the PKCS#7 signature blocks. See {@link
 * EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class JarFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void jarArchive(byte[] jar) {
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("archive").put("content", EntryFuzzing.b64(jar));
    EntryFuzzing.canonicalOrRefused(jar, JarKind.KIND, JarKind.API_VERSION, spec);
  }
}
