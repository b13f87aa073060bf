package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.NodeId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TileGeometryTest {
  private static TileId tile(int level, long index) {
    return new TileId(level, index);
  }

  @Test
  void c2spExampleSize70000() {
    long size = 70_000;
    assertEquals(256, TileGeometry.width(tile(0, 272), size));
    assertEquals(112, TileGeometry.width(tile(0, 273), size));
    assertEquals(0, TileGeometry.width(tile(0, 274), size));
    assertEquals(256, TileGeometry.width(tile(1, 0), size));
    assertEquals(17, TileGeometry.width(tile(1, 1), size));
    assertEquals(1, TileGeometry.width(tile(2, 0), size));
    assertEquals(0, TileGeometry.width(tile(3, 0), size));
    assertEquals(
        List.of(
            new TileRef(tile(0, 273), 112),
            new TileRef(tile(1, 1), 17),
            new TileRef(tile(2, 0), 1)),
        TileGeometry.rightEdge(size));
    List<TileRef> all = TileGeometry.tiles(size);
    assertEquals(274 + 2 + 1, all.size());
    assertEquals(new TileRef(tile(0, 0), 256), all.get(0));
    assertEquals(new TileRef(tile(0, 273), 112), all.get(273));
    assertEquals(new TileRef(tile(1, 0), 256), all.get(274));
    assertEquals(new TileRef(tile(1, 1), 17), all.get(275));
    assertEquals(new TileRef(tile(2, 0), 1), all.get(276));
  }

  static Stream<Arguments> rightEdges() {
    return Stream.of(
        Arguments.of(0L, List.of()),
        Arguments.of(1L, List.of(new TileRef(tile(0, 0), 1))),
        Arguments.of(255L, List.of(new TileRef(tile(0, 0), 255))),
        Arguments.of(256L, List.of(new TileRef(tile(1, 0), 1))),
        Arguments.of(257L, List.of(new TileRef(tile(0, 1), 1), new TileRef(tile(1, 0), 1))),
        Arguments.of(65_536L, List.of(new TileRef(tile(2, 0), 1))));
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("rightEdges")
  void listsRightEdgeTiles(long size, List<TileRef> want) {
    assertEquals(want, TileGeometry.rightEdge(size));
  }

  @Test
  void tilesForHugeSizesAreNotMaterialised() {
    long size = 1L << 40;
    List<TileRef> all = TileGeometry.tiles(size);
    // 2^32 + 2^24 + 2^16 + 2^8 + 1 tiles: more than a List can count, so size() saturates.
    assertEquals(Integer.MAX_VALUE, all.size());
    assertEquals(new TileRef(tile(0, 12345), 256), all.get(12345));
  }

  @Test
  void findsTheTileOfANode() {
    assertEquals(tile(0, 0), TileGeometry.tileOf(new NodeId(0, 255)));
    assertEquals(tile(0, 1), TileGeometry.tileOf(new NodeId(0, 256)));
    assertEquals(tile(0, 1), TileGeometry.tileOf(new NodeId(7, 3))); // leaves 384..511
    assertEquals(tile(1, 0), TileGeometry.tileOf(new NodeId(8, 255)));
    assertEquals(tile(1, 3), TileGeometry.tileOf(new NodeId(9, 384)));
    assertEquals(tile(7, 0), TileGeometry.tileOf(new NodeId(62, 0)));
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(tile(0, 0), 256, "tile/0/000"),
        Arguments.of(tile(0, 0), 15, "tile/0/000.p/15"),
        Arguments.of(tile(0, 67), 256, "tile/0/067"),
        Arguments.of(tile(0, 999), 1, "tile/0/999.p/1"),
        Arguments.of(tile(0, 1000), 256, "tile/0/x001/000"),
        Arguments.of(tile(0, 1_234_067), 256, "tile/0/x001/x234/067"),
        Arguments.of(tile(1, 273), 112, "tile/1/273.p/112"),
        Arguments.of(tile(63, 0), 255, "tile/63/000.p/255"),
        Arguments.of(tile(2, Long.MAX_VALUE), 256, "tile/2/x009/x223/x372/x036/x854/x775/807"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("paths")
  void formatsAndParsesTilePaths(TileId id, int width, String path) {
    assertEquals(path, TileGeometry.path(id, width));
    assertEquals(new TilePath(false, id.level(), id.index(), width), TileGeometry.parse(path));
    assertEquals(path, TileGeometry.parse(path).toString());
  }

  @Test
  void formatsAndParsesEntryBundlePaths() {
    assertEquals("tile/entries/x001/x234/067.p/8", TileGeometry.entriesPath(1_234_067, 8));
    assertEquals(
        new TilePath(true, 0, 1_234_067, 8), TileGeometry.parse("tile/entries/x001/x234/067.p/8"));
    assertEquals(new TilePath(true, 0, 5, 256), TileGeometry.parse("tile/entries/005"));
  }

  static Stream<Arguments> badPaths() {
    return Stream.of(
        Arguments.of("tiles/0/000", "does not start with \"tile/\""),
        Arguments.of("tile/0", "needs a level and an index"),
        Arguments.of("tile/00/000", "level \"00\" is not a decimal in 0..63 without leading zeros"),
        Arguments.of("tile/64/000", "level \"64\" is not a decimal in 0..63 without leading zeros"),
        Arguments.of("tile/-1/000", "level \"-1\" is not a decimal in 0..63 without leading zeros"),
        Arguments.of("tile/+1/000", "level \"+1\" is not a decimal in 0..63 without leading zeros"),
        Arguments.of(
            "tile/0/00",
            "index group \"00\" is not 3 digits (all but the last group start with \"x\")"),
        Arguments.of(
            "tile/0/0001",
            "index group \"0001\" is not 3 digits (all but the last group start with \"x\")"),
        Arguments.of(
            "tile/0/001/234",
            "index group \"001\" is not \"x\" and 3 digits (all but the last group start with \"x\")"),
        Arguments.of(
            "tile/0/x001/x234",
            "index group \"x234\" is not 3 digits (all but the last group start with \"x\")"),
        Arguments.of("tile/0/x000/001", "index starts with the zero group \"x000\""),
        Arguments.of(
            "tile/0/",
            "index group \"\" is not 3 digits (all but the last group start with \"x\")"),
        Arguments.of("tile/0/x009/x223/x372/x036/x854/x775/808", "index does not fit in 63 bits"),
        Arguments.of(
            "tile/0/x001/x001/x001/x001/x001/x001/x001/001", "index has 8 groups, at most 7"),
        Arguments.of(
            "tile/0/000.p/0",
            "partial width \"0\" is not a decimal in 1..255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/256",
            "partial width \"256\" is not a decimal in 1..255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/015",
            "partial width \"015\" is not a decimal in 1..255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/", "partial width \"\" is not a decimal in 1..255 without leading zeros"),
        Arguments.of("tile/0/000.p", "no partial width after \".p\""),
        Arguments.of(
            "tile/0/000.p/5/6",
            "index group \"000.p\" is not \"x\" and 3 digits (all but the last group start with \"x\")"),
        Arguments.of(
            "tile/entries/000.p/x",
            "partial width \"x\" is not a decimal in 1..255 without leading zeros"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPaths")
  void rejectsNonCanonicalPaths(String path, String rule) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TileGeometry.parse(path));
    assertEquals("tile path \"" + path + "\": " + rule, e.getMessage());
  }

  @Test
  void rejectsBadNumbers() {
    assertEquals(
        "tile width 0 outside 1..256",
        assertThrows(IllegalArgumentException.class, () -> TileGeometry.path(tile(0, 0), 0))
            .getMessage());
    assertEquals(
        "tile level 64 outside 0..63",
        assertThrows(IllegalArgumentException.class, () -> tile(64, 0)).getMessage());
    assertEquals(
        "negative tree size -1",
        assertThrows(IllegalArgumentException.class, () -> TileGeometry.rightEdge(-1))
            .getMessage());
  }
}
