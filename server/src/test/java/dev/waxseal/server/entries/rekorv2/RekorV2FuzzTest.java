package dev.waxseal.server.entries.rekorv2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryFuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@code POST /api/v2/log/entries}'s body: the protojson {@code CreateEntryRequest} reader
 * and the hashedrekord / dsse 0.0.2 converters. Each input is refused with a 4xx {@link
 * RekorV2Exception} or gives a well-formed canonical entry. See docs/fuzzing.md for how to run it.
 */
@Timeout(10)
class RekorV2FuzzTest {
  private static final RekorV2Entries ENTRIES = RekorV2Entries.withDefaults();

  @FuzzTest(maxDuration = "5m")
  void createEntryRequest(byte[] body) {
    EntryFuzzing.withinBudget(
        () -> {
          CanonicalEntry entry;
          try {
            entry = ENTRIES.toLogEntry(body);
          } catch (RekorV2Exception refused) {
            int status = refused.status().httpStatus();
            assertTrue(status >= 400 && status < 500, () -> "refused with HTTP " + status);
            return;
          }
          EntryFuzzing.assertWellFormed(entry);
        });
  }
}
