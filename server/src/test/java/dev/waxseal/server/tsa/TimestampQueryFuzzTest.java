package dev.waxseal.server.tsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the timestamp authority's request readers ({@code POST /api/v1/timestamp}): a DER {@code
 * TimeStampReq} and the JSON form. Each input is refused with a 400 {@link TsaException} or parses.
 * See docs/fuzzing.md.
 */
@Timeout(10)
class TimestampQueryFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void derRequest(byte[] der) {
    refusedWith400(() -> TimestampQuery.fromDer(der));
  }

  @FuzzTest(maxDuration = "2m")
  void jsonRequest(byte[] json) {
    refusedWith400(() -> TimestampQuery.fromJson(json));
  }

  private static void refusedWith400(Runnable parse) {
    EntryFuzzing.withinBudget(
        () -> {
          try {
            parse.run();
          } catch (TsaException refused) {
            assertEquals(400, refused.status(), refused::getMessage);
          }
        });
  }
}
