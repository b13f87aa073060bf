package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * The plan of a Merkle proof: which nodes to fetch, and which of them to hash together.
 *
 * <p>Pure index arithmetic: planning knows nothing of storage or hashing (transparency-dev/merkle
 * {@code proof.Nodes}). Every id in {@link #ids()} is a perfect subtree of the tree the proof is
 * for, so storage can read it. A proof hash that is not a perfect subtree (an <em>ephemeral</em>
 * node on the right edge) is planned as the perfect subtrees that cover it, at positions {@code
 * [begin, end)} in {@link #ids()}, lowest level first; {@link #rehash} folds them into one hash.
 *
 * <pre>
 *   Inclusion proof for leaf 0 in a tree of size 7 (RFC 6962 example tree):
 *
 *                hash
 *               /    \
 *              k      l         l = H(i, j) is ephemeral: not a perfect subtree of size 7
 *             / \    / \
 *            g   h  i   .
 *           / \ / \ / \ /
 *           a b c d e f j       ids = b h j i, begin = 2, end = 4  →  proof = b h l
 * </pre>
 */
public final class ProofNodes {
  private final List<NodeId> ids;
  private final int begin;
  private final int end;

  private ProofNodes(List<NodeId> ids, int begin, int end) {
    this.ids = List.copyOf(ids);
    this.begin = begin;
    this.end = end;
  }

  /**
   * Plans the inclusion proof of leaf {@code index} in the tree of {@code size} leaves (RFC 9162
   * §2.1.3.1), ordered leaf sibling first.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size}
   */
  public static ProofNodes inclusion(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index " + index + " out of bounds for tree size " + size);
    }
    return pathTo(0, index, size, false);
  }

  /**
   * Plans the consistency proof between the trees of {@code size1} and {@code size2} leaves (RFC
   * 9162 §2.1.4.1). Empty when {@code size1 == size2} or {@code size1 == 0}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2}
   */
  public static ProofNodes consistency(long size1, long size2) {
    if (size1 < 0 || size2 < size1) {
      throw new IllegalArgumentException(
          "size1 " + size1 + " and size2 " + size2 + " do not satisfy 0 <= size1 <= size2");
    }
    if (size1 == size2 || size1 == 0) {
      return new ProofNodes(List.of(), 0, 0);
    }
    // The biggest perfect subtree ending at size1: the proof is its inclusion proof in size2,
    // preceded by the subtree itself unless it is the whole old tree (whose root the client has).
    int level = Long.numberOfTrailingZeros(size1);
    long index = (size1 - 1) >>> level;
    return pathTo(level, index, size2, index != 0);
  }

  /**
   * Plans the inclusion proof of entry {@code index} in the subtree {@code [start, end)}
   * (draft-ietf-plants-merkle-tree-certs §4.3): the inclusion proof of {@code index - start} in the
   * tree over {@code D[start:end]}. Alignment ({@link Subtree}) makes every node of that tree at
   * level {@code l} the node of the log at the same level moved right by {@code start >> l}, so the
   * plan is the plain inclusion plan moved, and every id is a perfect subtree of the tree of size
   * {@code end}.
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a subtree and {@code start <=
   *     index < end}
   */
  public static ProofNodes subtreeInclusion(long index, long start, long end) {
    checkSubtree(start, end);
    if (index < start || index >= end) {
      throw new IllegalArgumentException(
          "index " + index + " out of bounds for subtree [" + start + ", " + end + ")");
    }
    ProofNodes local = inclusion(index - start, end - start);
    List<NodeId> ids = new ArrayList<>(local.ids.size());
    for (NodeId id : local.ids) {
      ids.add(new NodeId(id.level(), id.index() + (start >>> id.level())));
    }
    return new ProofNodes(ids, local.begin, local.end);
  }

  /**
   * Plans the consistency proof between the subtree {@code [start, end)} and the tree of {@code
   * size} leaves, {@code SUBTREE_PROOF(start, end, D_size)} (draft-ietf-plants-merkle-tree-certs
   * §4.4.1). Empty for an empty subtree and for the whole tree; from {@code start = 0} it is the
   * RFC 9162 consistency proof from {@code end}.
   *
   * <pre>
   *   [8, 13) in the tree of size 14: seed m, its sibling n, then the left nodes:
   *
   *                      root
   *                 /            \
   *            [0, 8)            [8, 14)
   *                             /       \
   *                       [8, 12)     [12, 14)
   *                                    /    \
   *                                   m      n        proof = m n [8,12) [0,8)
   * </pre>
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a subtree and {@code end <=
   *     size}
   */
  public static ProofNodes subtreeConsistency(long start, long end, long size) {
    checkSubtree(start, end);
    if (end > size) {
      throw new IllegalArgumentException(
          "subtree [" + start + ", " + end + ") ends beyond tree size " + size);
    }
    if (start == end || (start == 0 && end == size)) {
      return new ProofNodes(List.of(), 0, 0);
    }
    if (end == size) {
      // The subtree's root is on the tree's right edge, so only its left siblings are missing:
      // the perfect subtrees covering [0, start), lowest first.
      List<NodeId> ids = new ArrayList<>();
      addPerfectSubtrees(0, start, ids);
      reverse(ids, 0, ids.size());
      return new ProofNodes(ids, 0, 0);
    }
    // The seed is the biggest perfect subtree ending at end: the subtree itself if it is perfect
    // (the verifier has its hash), else the first proof hash. The rest is the seed's inclusion
    // proof.
    long length = end - start;
    int level = Long.numberOfTrailingZeros(length);
    boolean perfect = (length & (length - 1)) == 0;
    return pathTo(level, (end - 1) >>> level, size, !perfect);
  }

  private static void checkSubtree(long start, long end) {
    Optional<String> invalid = Subtree.invalidReason(start, end);
    if (invalid.isPresent()) {
      throw new IllegalArgumentException(invalid.get());
    }
  }

  /**
   * Plans the path from node {@code (level, index)} to the root of the tree of {@code size} leaves:
   * optionally the node itself, then siblings up to the fork with the right edge, then the nodes
   * covering the ephemeral right sibling (lowest level first), then the left nodes.
   */
  private static ProofNodes pathTo(int level, long index, long size, boolean withSeed) {
    // The fork: the ancestor where the path to the node parts from the path to leaf position
    // size (one past the last leaf). It is a perfect subtree; its right sibling is cut by size.
    int inner = 63 - Long.numberOfLeadingZeros(index ^ (size >>> level));
    int forkLevel = level + inner;
    long forkBegin = (index >>> inner) << forkLevel;
    long forkEnd = forkBegin + (1L << forkLevel);
    List<NodeId> ids = new ArrayList<>(1 + inner + 2 * 64);
    if (withSeed) {
      ids.add(new NodeId(level, index));
    }
    for (int i = 0; i < inner; i++) {
      ids.add(new NodeId(level + i, (index >>> i) ^ 1));
    }
    int rightBegin = ids.size();
    // The fork ends no later than size, so [forkEnd, size) is the right part of the tree.
    if (forkEnd < size) {
      addPerfectSubtrees(forkEnd, size - forkEnd, ids);
      reverse(ids, rightBegin, ids.size());
    }
    int rightEnd = ids.size();
    int leftBegin = ids.size();
    addPerfectSubtrees(0, forkBegin, ids);
    reverse(ids, leftBegin, ids.size());
    if (rightEnd - rightBegin <= 1) {
      return new ProofNodes(ids, 0, 0);
    }
    return new ProofNodes(ids, rightBegin, rightEnd);
  }

  /**
   * Adds the perfect subtrees covering {@code [begin, begin + length)} left to right (largest
   * first). Requires {@code begin} to be a multiple of the highest power of two in {@code length}.
   */
  private static void addPerfectSubtrees(long begin, long length, List<NodeId> ids) {
    long next = begin;
    for (int level = NodeId.MAX_LEVEL; level >= 0; level--) {
      if (((length >>> level) & 1) == 1) {
        ids.add(new NodeId(level, next >>> level));
        next += 1L << level;
      }
    }
  }

  private static void reverse(List<NodeId> ids, int from, int to) {
    for (int i = from, j = to - 1; i < j; i++, j--) {
      NodeId tmp = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, tmp);
    }
  }

  /** The perfect-subtree nodes to fetch, in proof order. */
  public List<NodeId> ids() {
    return ids;
  }

  /** The first position in {@link #ids()} to fold into one ephemeral hash (0 if none). */
  public int begin() {
    return begin;
  }

  /** One past the last position in {@link #ids()} to fold (0 if none). */
  public int end() {
    return end;
  }

  /**
   * Returns the proof: {@code hashes} (the hashes of {@link #ids()}, in order) with the range
   * {@code [begin, end)} folded into one hash, each hash being the left sibling of the fold so far.
   *
   * @throws IllegalArgumentException if there is not exactly one hash per id
   */
  public List<Hash> rehash(List<Hash> hashes, BinaryOperator<Hash> nodeHash) {
    if (hashes.size() != ids.size()) {
      throw new IllegalArgumentException(
          "wrong number of hashes " + hashes.size() + ", want " + ids.size());
    }
    if (end - begin <= 1) {
      return List.copyOf(hashes);
    }
    List<Hash> proof = new ArrayList<>(hashes.size() - (end - begin) + 1);
    proof.addAll(hashes.subList(0, begin));
    Hash folded = hashes.get(begin);
    for (int i = begin + 1; i < end; i++) {
      folded = nodeHash.apply(hashes.get(i), folded);
    }
    proof.add(folded);
    proof.addAll(hashes.subList(end, hashes.size()));
    return List.copyOf(proof);
  }

  @Override
  public String toString() {
    return "ProofNodes" + ids + (end > begin ? " rehash [" + begin + "," + end + ")" : "");
  }
}
