package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what a tile server or client reads from the other side: tile and entry-bundle paths
 * ({@link TileGeometry#parse}, refused with {@link IllegalArgumentException}; a parsed path prints
 * back to the same text) and entry bundles ({@link EntryBundle#decode}; a decoded bundle encodes
 * back to the same bytes). See docs/fuzzing.md.
 */
@Timeout(10)
class TilePathFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void tilePath(byte[] input) {
    String path = new String(input, StandardCharsets.UTF_8);
    TilePath parsed;
    try {
      parsed = TileGeometry.parse(path);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertEquals(path, parsed.toString(), "a path that parses has one spelling");
  }

  @FuzzTest(maxDuration = "2m")
  void entryBundle(byte[] bundle) {
    List<byte[]> entries;
    try {
      entries = EntryBundle.decode(bundle);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertArrayEquals(bundle, EntryBundle.encode(entries));
  }
}
