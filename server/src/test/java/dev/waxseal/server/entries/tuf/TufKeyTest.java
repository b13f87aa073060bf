package dev.waxseal.server.entries.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TufKeyTest {
  /** 32 bytes that do not decode to a point of edwards25519 (no square root for x²). */
  private static final String NOT_A_POINT =
      "bca619734dbfd3e7a1b7a7b3e2cc179fb00520fd7212c8a60ba99f14dfc0e1ca";

  /**
   * Fuzzing finding (EntryJsonFuzzTest): Bouncy Castle's Ed25519 key constructor threw
   * IllegalArgumentException for such bytes, a 500 for a root that go-tuf reads (it takes any 32
   * bytes, and then no signature verifies under them).
   */
  @Test
  void ed25519KeyThatIsNotACurvePointVerifiesNothingInsteadOfFailing() {
    TufKey key =
        TufKey.parse(
            "k1",
            CanonicalJson.parse(
                ("{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\""
                        + NOT_A_POINT
                        + "\"}}")
                    .getBytes(StandardCharsets.UTF_8)));

    assertThat(key.type()).isEqualTo("ed25519");
    assertThat(key.verify(new byte[] {1, 2, 3}, new byte[64])).isFalse();
  }
}
