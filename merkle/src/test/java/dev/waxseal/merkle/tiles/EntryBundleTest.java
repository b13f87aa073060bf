package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
  @Test
  void encodesLengthPrefixedEntries() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {7}, new byte[0], new byte[300]));
    assertEquals(2 + 1 + 2 + 2 + 300, bundle.length);
    assertArrayEquals(new byte[] {0, 1, 7, 0, 0, 1, 44}, Arrays.copyOf(bundle, 7));
    List<byte[]> entries = EntryBundle.decode(bundle);
    assertEquals(3, entries.size());
    assertEquals(300, entries.get(2).length);
  }

  @Test
  void rejectsOversizedEntriesAndBundles() {
    assertEquals(
        "entry of 65536 bytes, at most 65535",
        assertThrows(
                IllegalArgumentException.class, () -> EntryBundle.encode(List.of(new byte[65_536])))
            .getMessage());
    assertEquals(
        "bundle of 257 entries, at most 256",
        assertThrows(
                IllegalArgumentException.class,
                () -> EntryBundle.encode(Collections.nCopies(257, new byte[0])))
            .getMessage());
  }

  /**
   * Fuzzing finding (TilePathFuzzTest): decode took any number of entries, so a bundle it accepted
   * could hold more than a tile's 256, which encode refuses.
   */
  @Test
  void rejectsBundlesOfMoreThan256Entries() {
    assertEquals(256, EntryBundle.decode(new byte[2 * 256]).size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(new byte[2 * 257]));
    assertEquals("more than 256 entries: bytes left at offset 512", e.getMessage());
  }

  @Test
  void rejectsTruncatedBundles() {
    assertEquals(
        "truncated entry length at offset 0",
        assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(new byte[] {0}))
            .getMessage());
    assertEquals(
        "entry of 2 bytes at offset 2 runs past the end",
        assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(new byte[] {0, 2, 1}))
            .getMessage());
  }
}
