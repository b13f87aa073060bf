package dev.waxseal.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.hashedrekord.HashedRekordKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WarmupTest {
  /** The real hashedrekord kind (it verifies each signature), recording what it accepted. */
  private static final class Recording implements EntryKind {
    private final HashedRekordKind real = HashedRekordKind.withRekorDefaults();
    final List<Hash> accepted = new ArrayList<>();

    @Override
    public String kind() {
      return real.kind();
    }

    @Override
    public String apiVersion() {
      return real.apiVersion();
    }

    @Override
    public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
      CanonicalEntry entry = real.canonicalize(spec, purpose);
      accepted.add(entry.leafHash());
      return entry;
    }
  }

  @Test
  void everyIterationIsAValidSignedEntryThroughTheRealKindAndTheTreeHoldsThemAll() {
    Recording kind = new Recording();

    Hash root = new Warmup(new EntryKinds(List.of(kind)), 25).run();

    assertThat(kind.accepted).hasSize(25).doesNotHaveDuplicates();
    TileAppender expected = TileAppender.open(0, List.of());
    expected.append(kind.accepted);
    assertThat(root).isEqualTo(expected.rootHash());
  }

  @Test
  void noIterationsIsNoWork() {
    Recording kind = new Recording();

    new Warmup(new EntryKinds(List.of(kind)), 0).run();

    assertThat(kind.accepted).isEmpty();
  }
}
