package dev.waxseal.merkle;

/**
 * The position of a node in a Merkle tree: its level above the leaves and its index in that level.
 *
 * <p>Level 0 holds the leaves; the node {@code (level, index)} is the root of the perfect subtree
 * over leaves {@code [index·2^level, (index+1)·2^level)}. Nodes exist here whether or not the tree
 * is big enough to complete them; a node is a <em>perfect subtree</em> of a tree of size {@code n}
 * when {@link #end()} {@code <= n}.
 *
 * <pre>
 *   level 3                 (3,0)
 *                      /            \
 *   level 2        (2,0)            (2,1)
 *                 /     \          /     \
 *   level 1    (1,0)   (1,1)    (1,2)   (1,3)
 *              /  \    /  \     /  \    /  \
 *   level 0  (0,0)(0,1)(0,2)(0,3)(0,4)(0,5)(0,6)(0,7)   leaves 0..7
 * </pre>
 *
 * @param level height above the leaves, {@code 0..62}
 * @param index position within the level, {@code >= 0}
 */
public record NodeId(int level, long index) {
  /** The largest level a perfect subtree of a tree with at most {@code 2^63 - 1} leaves has. */
  public static final int MAX_LEVEL = 62;

  /**
   * Validates the coordinates.
   *
   * @throws IllegalArgumentException if {@code level} is outside {@code 0..62}, {@code index} is
   *     negative, or the node would start beyond leaf {@code 2^63 - 1}
   */
  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("node level " + level + " outside 0.." + MAX_LEVEL);
    }
    if (index < 0 || (level > 0 && index > (Long.MAX_VALUE >>> level))) {
      throw new IllegalArgumentException("node index " + index + " out of range at level " + level);
    }
  }

  /** The first leaf index this node covers: {@code index · 2^level}. */
  public long begin() {
    return index << level;
  }

  /**
   * One past the last leaf index this node covers: {@code (index + 1) · 2^level}; saturates at
   * {@link Long#MAX_VALUE} for the one node whose end does not fit.
   */
  public long end() {
    long begin = begin();
    long width = 1L << level;
    return begin > Long.MAX_VALUE - width ? Long.MAX_VALUE : begin + width;
  }

  /** The parent node, one level up. Requires {@code level < 62}. */
  public NodeId parent() {
    return new NodeId(level + 1, index >>> 1);
  }

  /** The other child of this node's parent. */
  public NodeId sibling() {
    return new NodeId(level, index ^ 1);
  }

  @Override
  public String toString() {
    return "(" + level + "," + index + ")";
  }
}
