package dev.waxseal.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeIdTest {
  @Test
  void coversItsLeafRange() {
    NodeId id = new NodeId(3, 5);
    assertEquals(40, id.begin());
    assertEquals(48, id.end());
    assertEquals(new NodeId(4, 2), id.parent());
    assertEquals(new NodeId(3, 4), id.sibling());
    assertEquals("(3,5)", id.toString());
  }

  @Test
  void rejectsOutOfRangeCoordinates() {
    assertEquals(
        "node level 63 outside 0..62",
        assertThrows(IllegalArgumentException.class, () -> new NodeId(63, 0)).getMessage());
    assertEquals(
        "node level -1 outside 0..62",
        assertThrows(IllegalArgumentException.class, () -> new NodeId(-1, 0)).getMessage());
    assertEquals(
        "node index -1 out of range at level 0",
        assertThrows(IllegalArgumentException.class, () -> new NodeId(0, -1)).getMessage());
    assertEquals(
        "node index 4 out of range at level 62",
        assertThrows(IllegalArgumentException.class, () -> new NodeId(62, 4)).getMessage());
  }

  @Test
  void endSaturatesAtTheLastLeaf() {
    assertEquals(Long.MAX_VALUE, new NodeId(62, 1).end());
  }
}
