package dev.waxseal.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryFuzzing;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes {@code POST /api/v1/log/entries} as the controller reads it: the body through {@link
 * JsonBodyReader} (a 4xx {@link ApiException} for what is not one JSON value), then the proposed
 * entry through every kind ({@link InvalidEntryException}, HTTP 400, or a canonical entry). An
 * accepted entry's body, proposed again, is refused or gives the same entry: canonicalizing is
 * stable. The seeds are one valid proposed entry per kind. See docs/fuzzing.md.
 */
@Timeout(10)
class EntryJsonFuzzTest {
  private static final JsonBodyReader READER =
      new JsonBodyReader(new ApiProperties(DataSize.ofMegabytes(1)));

  @FuzzTest(maxDuration = "10m")
  void proposedEntry(byte[] body) {
    JsonNode proposed;
    try {
      proposed = READER.read("proposedEntry", new ByteArrayInputStream(body), body.length);
    } catch (ApiException refused) {
      int status = refused.status().value();
      assertTrue(status >= 400 && status < 500, () -> "refused with HTTP " + status);
      return;
    }
    EntryKinds kinds = EntryFuzzing.kinds();
    CanonicalEntry entry =
        EntryFuzzing.canonicalOrRefused(body, () -> kinds.canonicalize(proposed));
    EntryFuzzing.canonicalOrRefused(body, () -> kinds.canonicalizeForSearch(proposed));
    if (entry != null) {
      JsonNode stored = READER.read("proposedEntry", new ByteArrayInputStream(entry.body()), -1);
      CanonicalEntry again =
          EntryFuzzing.canonicalOrRefused(entry.body(), () -> kinds.canonicalize(stored));
      if (again != null) {
        assertEquals(entry, again, "canonicalizing a canonical body must not change it");
      }
    }
  }
}
