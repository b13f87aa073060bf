package dev.waxseal.merkle.proof;

import java.util.Optional;

/**
 * A subtree {@code [start, end)} of a Merkle tree: the Merkle tree {@code MTH(D[start:end])} built
 * over entries {@code start..end-1} as a list of their own (draft-ietf-plants-merkle-tree-certs
 * §4.1, the subtrees that C2SP cosigners sign).
 *
 * <p>Not every interval is a subtree: {@code start} must be a multiple of {@code BIT_CEIL(end -
 * start)}, the smallest power of two at least the size. That alignment makes the subtree's nodes
 * line up with the nodes of every tree that contains it, so it can be proven consistent with them.
 * {@code [0, x)} (a whole tree) and {@code [x, x)} (empty) are subtrees for every {@code x}.
 *
 * <pre>
 *   Subtrees [4, 8) and [8, 13) of the tree of size 13 (the draft's figure):
 *
 *                     [0, 13)
 *                 /            \
 *            [0, 8)            [8, 13)     [8, 13) is not perfect: its root is not a node
 *           /      \           /     \     of a tree of size 14 or more
 *       [0, 4)    [4, 8)   [8, 12)   12
 *
 *   [5, 8) is not a subtree: BIT_CEIL(3) = 4 does not divide 5.
 * </pre>
 *
 * @param start the first entry, {@code >= 0}
 * @param end one past the last entry, {@code >= start}
 */
public record Subtree(long start, long end) {
  /**
   * Validates the interval.
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a subtree (see {@link
   *     #invalidReason})
   */
  public Subtree {
    Optional<String> reason = invalidReason(start, end);
    if (reason.isPresent()) {
      throw new IllegalArgumentException(reason.get());
    }
  }

  /**
   * Says why {@code [start, end)} is not a subtree, or returns empty if it is one: {@code 0 <=
   * start <= end} and {@code start} a multiple of {@code BIT_CEIL(end - start)} (draft §4.1).
   */
  public static Optional<String> invalidReason(long start, long end) {
    if (start < 0 || end < start) {
      return Optional.of("subtree [" + start + ", " + end + ") does not satisfy 0 <= start <= end");
    }
    long size = end - start;
    // BIT_CEIL(size) would be 2^63, beyond long, for size > 2^62; the only multiple of 2^63 that
    // is a non-negative long is 0.
    long bitCeil = size <= 1 ? 1 : Long.highestOneBit(size - 1) << 1;
    if (size > (1L << 62) ? start != 0 : (start & (bitCeil - 1)) != 0) {
      return Optional.of(
          "subtree ["
              + start
              + ", "
              + end
              + ") is not aligned: start "
              + start
              + " is not a multiple of "
              + (size > (1L << 62) ? "2^63" : Long.toString(bitCeil))
              + ", the smallest power of two >= its size "
              + size);
    }
    return Optional.empty();
  }

  /** The number of entries, {@code end - start}. */
  public long size() {
    return end - start;
  }

  /** True if {@code start <= index < end}. */
  public boolean contains(long index) {
    return start <= index && index < end;
  }

  /**
   * True if the subtree is a perfect binary tree (its size a power of two), so its root is a node
   * of every tree that contains it; false for the empty subtree.
   */
  public boolean isPerfect() {
    long size = size();
    return size > 0 && (size & (size - 1)) == 0;
  }

  /**
   * Two adjacent subtrees {@code left = [leftStart, mid)} and {@code right = [mid, end)} that
   * together cover {@code [start, end)}, with no entries after {@code end} and, when the interval
   * is not empty, fewer extra entries before {@code start} than {@code left} has from {@code start}
   * on (draft §4.5.1, "Selecting Two Subtrees"). An interval of at most one entry is returned as
   * {@code [start, end)} and {@code [end, end)}.
   *
   * @param left the left subtree; may start before {@code start}
   * @param right the right subtree, ending at {@code end}; may be empty
   */
  public record Covering(Subtree left, Subtree right) {
    /**
     * Selects the two subtrees that cover {@code [start, end)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= start <= end}
     */
    public static Covering of(long start, long end) {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException(
            "interval [" + start + ", " + end + ") does not satisfy 0 <= start <= end");
      }
      if (end - start <= 1) {
        return new Covering(new Subtree(start, end), new Subtree(end, end));
      }
      long last = end - 1;
      // The two halves sit either side of the node where the paths to start and last part.
      int split = 63 - Long.numberOfLeadingZeros(start ^ last);
      long mask = (1L << split) - 1;
      long mid = last & ~mask;
      // The left subtree is the lowest node over [start, mid): start's path leaves its right
      // edge just above the highest zero bit of start below the split.
      int leftSplit = 64 - Long.numberOfLeadingZeros(~start & mask);
      long leftStart = start & ~((1L << leftSplit) - 1);
      return new Covering(new Subtree(leftStart, mid), new Subtree(mid, end));
    }
  }
}
