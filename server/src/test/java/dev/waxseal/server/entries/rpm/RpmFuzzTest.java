package dev.waxseal.server.entries.rpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the rpm kind's package parser (lead, signature and main headers, digests, OpenPGP
 * signatures) with the key that signed the seed packages. See {@link EntryFuzzing} for what each
 * input must end in, and docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class RpmFuzzTest {
  private static final String KEY =
      EntryFuzzing.b64(EntryFuzzing.resource("/entries/rpm/rsa.pub.asc"));

  @FuzzTest(maxDuration = "5m")
  void rpmPackage(byte[] rpm) {
    ObjectNode spec = EntryFuzzing.object();
    spec.putObject("package").put("content", EntryFuzzing.b64(rpm));
    spec.putObject("publicKey").put("content", KEY);
    EntryFuzzing.canonicalOrRefused(rpm, RpmKind.KIND, RpmKind.API_VERSION, spec);
  }
}
