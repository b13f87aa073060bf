package dev.waxseal.server.entries.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import dev.waxseal.server.entries.InvalidEntryException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the PEM / X.509 reader that every kind with an X.509 key uses, together with the Go-rules
 * chain verifier that hashedrekord and rekord run on certificate chains, and the DSSE envelope
 * reader. Each input is refused with {@link InvalidEntryException} or accepted; an accepted key's
 * canonical PEM parses back to itself. See docs/fuzzing.md for how to run them.
 */
@Timeout(10)
class PkiFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void x509Chain(byte[] pem) {
    refusedOrAccepted(
        pem,
        () -> {
          X509PublicKey key = X509PublicKey.parse(pem);
          assertArrayEquals(
              key.canonicalPem(), X509PublicKey.parse(key.canonicalPem()).canonicalPem());
          key.verifyChain();
        });
  }

  @FuzzTest(maxDuration = "2m")
  void dsseEnvelope(byte[] json) {
    refusedOrAccepted(json, () -> DsseEnvelope.parse(new String(json, StandardCharsets.UTF_8)));
  }

  private static void refusedOrAccepted(byte[] input, Runnable parse) {
    EntryFuzzing.withinBudget(
        () -> {
          try {
            parse.run();
          } catch (InvalidEntryException refused) {
            EntryFuzzing.assertClientMessage(refused.getMessage(), input);
          }
        });
  }
}
