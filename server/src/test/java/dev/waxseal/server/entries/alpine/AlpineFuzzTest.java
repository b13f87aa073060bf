package dev.waxseal.server.entries.alpine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the alpine kind's package parser (gzip members, tar, {@code .PKGINFO}, {@code .SIGN.*})
 * with a fixed key, so that inputs close to a signed package reach the signature check. See {@link
 * EntryFuzzing} for what each input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class AlpineFuzzTest {
  private static final String KEY =
      EntryFuzzing.b64(EntryFuzzing.resource("/dev/waxseal/server/entries/alpine/fuzz-key.pem"));

  @FuzzTest(maxDuration = "5m")
  void apkPackage(byte[] apk) {
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("package").put("content", EntryFuzzing.b64(apk));
    spec.putObject("publicKey").put("content", KEY);
    EntryFuzzing.canonicalOrRefused(apk, AlpineKind.KIND, AlpineKind.API_VERSION, spec);
  }
}
