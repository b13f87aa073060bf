package dev.waxseal.server.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the witness's {@code POST /add-checkpoint} body parser (old size, proof lines, signed
 * note). Each input is refused with a 400 {@link WitnessException} or parses. See docs/fuzzing.md.
 */
@Timeout(10)
class AddCheckpointRequestFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void addCheckpoint(byte[] body) {
    EntryFuzzing.withinBudget(
        () -> {
          try {
            AddCheckpointRequest.parse(body);
          } catch (WitnessException refused) {
            assertEquals(400, refused.status(), refused::getMessage);
          }
        });
  }
}
