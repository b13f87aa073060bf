package dev.waxseal.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The right edge of a Merkle tree of {@code size} leaves: the roots of the perfect subtrees that
 * tile {@code [0, size)}, one for each set bit of {@code size}, largest (leftmost) first.
 *
 * <p>That is all the state an append-only log needs to add leaves and compute its root: appending
 * merges equal-sized subtrees like a binary counter carries, so each append costs one hash on
 * average (transparency-dev/merkle {@code compact.Range}, {@code docs/compact_ranges.md}).
 *
 * <pre>
 *   size 6 = 0b110: nodes (2,0) and (1,2)
 *
 *          (2,0)
 *         /     \
 *      (1,0)   (1,1)   (1,2)
 *      /  \    /  \    /  \
 *     0    1  2    3  4    5
 * </pre>
 *
 * <p>Mutable and not thread-safe: {@link #append} changes this range in place.
 */
public final class CompactRange {
  private long size;
  private Hash[] hashes;
  private int count;

  private CompactRange(long size, Hash[] hashes) {
    this.size = size;
    this.hashes = Arrays.copyOf(hashes, Math.max(hashes.length, 8));
    this.count = hashes.length;
  }

  /** Returns the compact range of the empty tree. */
  public static CompactRange empty() {
    return new CompactRange(0, new Hash[0]);
  }

  /**
   * Returns the compact range of a tree of {@code size} leaves from its right-edge node hashes,
   * largest subtree first (the order {@link #hashes()} returns).
   *
   * @throws IllegalArgumentException if {@code size} is negative or the number of hashes is not the
   *     number of set bits in {@code size}
   */
  public static CompactRange of(long size, List<Hash> hashes) {
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "wrong number of hashes " + hashes.size() + ", want " + Long.bitCount(size));
    }
    return new CompactRange(size, hashes.toArray(new Hash[0]));
  }

  /** The number of leaves in the tree this range covers. */
  public long size() {
    return size;
  }

  /**
   * Appends one leaf, telling {@code visitor} about every node the append completes: the leaf
   * itself, then each new parent in increasing level order.
   *
   * @throws ArithmeticException if the tree already has {@code 2^63 - 1} leaves
   */
  public void append(Hash leafHash, BiConsumer<NodeId, Hash> visitor) {
    long index = size;
    long newSize = Math.addExact(size, 1);
    Hash hash = leafHash;
    visitor.accept(new NodeId(0, index), hash);
    // Each trailing one bit of the old size is a subtree of the new node's size: merge them.
    for (int level = 0; ((index >>> level) & 1) == 1; level++) {
      hash = Rfc6962.nodeHash(hashes[--count], hash);
      visitor.accept(new NodeId(level + 1, index >>> (level + 1)), hash);
    }
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    hashes[count++] = hash;
    size = newSize;
  }

  /** Appends one leaf without reporting the nodes it creates. */
  public void append(Hash leafHash) {
    append(leafHash, (id, hash) -> {});
  }

  /**
   * Returns the RFC 6962 Merkle tree hash of the tree: the right-edge hashes folded from the right
   * (RFC 9162 §2.1.1), or {@link Rfc6962#emptyRoot()} for size 0.
   */
  public Hash rootHash() {
    if (count == 0) {
      return Rfc6962.emptyRoot();
    }
    Hash root = hashes[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      root = Rfc6962.nodeHash(hashes[i], root);
    }
    return root;
  }

  /** Returns the ids of the right-edge nodes, largest subtree first, matching {@link #hashes()}. */
  public List<NodeId> nodes() {
    return nodeIds(size);
  }

  /**
   * Returns the ids of the perfect subtrees that tile {@code [0, size)}, largest (leftmost) first:
   * one per set bit of {@code size}. Their hashes, folded from the right, give the root.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static List<NodeId> nodeIds(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    List<NodeId> ids = new ArrayList<>(Long.bitCount(size));
    long begin = 0;
    for (int level = NodeId.MAX_LEVEL; level >= 0; level--) {
      if (((size >>> level) & 1) == 1) {
        ids.add(new NodeId(level, begin >>> level));
        begin += 1L << level;
      }
    }
    return ids;
  }

  /** Returns the right-edge node hashes, largest subtree first. */
  public List<Hash> hashes() {
    return List.of(Arrays.copyOf(hashes, count));
  }

  /** Returns an independent copy of this range. */
  public CompactRange copy() {
    return new CompactRange(size, Arrays.copyOf(hashes, count));
  }
}
