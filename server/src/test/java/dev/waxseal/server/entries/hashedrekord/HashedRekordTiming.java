package dev.waxseal.server.entries.hashedrekord;

import static dev.waxseal.server.entries.hashedrekord.TestSigners.ARTIFACT;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.b64;

import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.hashedrekord.TestSigners.KeyKind;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A rough, JMH-free timing of canonicalizing one hashedrekord entry per key type; prints numbers
 * and asserts nothing. Not a test: run it by hand from the IDE or with {@code java -cp …}. Real
 * benchmarks belong in the {@code bench} module.
 */
public final class HashedRekordTiming {
  private HashedRekordTiming() {}

  /** Prints microseconds per canonicalization (parse key from cache, verify, build body). */
  public static void main(String[] args) {
    EntryKinds kinds = new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));
    Object[][] cases = {
      {KeyKind.P256, "sha256", false},
      {KeyKind.P256, "sha256", true},
      {KeyKind.P384, "sha384", false},
      {KeyKind.RSA2048, "sha256", false},
      {KeyKind.ED25519, "sha512", false},
    };
    for (Object[] c : cases) {
      KeyKind kind = (KeyKind) c[0];
      String algorithm = (String) c[1];
      boolean certificate = (Boolean) c[2];
      byte[] pem = certificate ? TestSigners.certificatePem(kind) : TestSigners.publicKeyPem(kind);
      JsonNode proposed =
          TestSigners.proposed(
              b64(TestSigners.sign(kind, algorithm, ARTIFACT)),
              b64(pem),
              algorithm,
              HexFormat.of().formatHex(TestSigners.digest(algorithm, ARTIFACT)));
      int iterations = 2_000;
      for (int i = 0; i < iterations; i++) {
        kinds.canonicalize(proposed); // warm-up
      }
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        kinds.canonicalize(proposed);
      }
      double micros = (System.nanoTime() - start) / 1_000.0 / iterations;
      System.out.printf(
          Locale.ROOT,
          "%-8s %-6s %-11s %8.1f µs/entry%n",
          kind,
          algorithm,
          certificate ? "certificate" : "key",
          micros);
    }
  }
}
