package dev.waxseal.merkle.witness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the witness policy file parser: every input parses or is refused with {@link
 * PolicyFormatException}. See docs/fuzzing.md.
 */
@Timeout(10)
class WitnessPolicyFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void policy(byte[] input) {
    try {
      WitnessPolicy.parse(new String(input, StandardCharsets.UTF_8));
    } catch (PolicyFormatException refused) {
      // the one allowed outcome besides a policy
    }
  }
}
