package dev.waxseal.client.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.client.entries.DecodedEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchListTest {
  private static final DecodedEntry ENTRY =
      new DecodedEntry(
          "hashedrekord",
          "0.0.1",
          Set.of("alice@example.com"),
          Set.of("https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main"),
          Set.of("https://token.actions.githubusercontent.com"),
          Set.of("ab".repeat(32)),
          Set.of("sha256:" + "cd".repeat(32)),
          Set.of());

  @Test
  void matchesExactValuesAndWholeValueRegexes() {
    WatchList watch =
        WatchList.of(
            Map.of(
                "emails", List.of("bob@example.com", "alice@example.com"),
                "uris", List.of("/https://github\\.com/acme/.*/"),
                "issuers", List.of("/token/"),
                "fingerprints", List.of("AB".repeat(32)),
                "digests", List.of("SHA256:" + "CD".repeat(32))));
    assertEquals(
        List.of("emails", "uris", "fingerprints", "digests"),
        watch.matches(ENTRY).stream().map(WatchList.Match::field).toList());
  }

  @Test
  void emptyListMatchesNothing() {
    assertEquals(List.of(), WatchList.empty().matches(ENTRY));
  }

  @Test
  void refusesWhatCannotMatch() {
    assertEquals(
        "unknown watch list \"names\", want one of [emails, uris, issuers, fingerprints, digests, subjects]",
        assertThrows(
                IllegalArgumentException.class, () -> WatchList.of(Map.of("names", List.of("x"))))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> WatchList.of(Map.of("fingerprints", List.of("abc"))));
    assertThrows(
        IllegalArgumentException.class, () -> WatchList.of(Map.of("digests", List.of("abc"))));
    assertThrows(
        IllegalArgumentException.class, () -> WatchList.of(Map.of("emails", List.of("/(/"))));
  }
}
