package dev.waxseal.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A naive RFC 6962 Merkle tree, written straight from the recursive definitions of MTH, PATH and
 * PROOF (RFC 6962 §2.1) and SUBTREE_PROOF (draft-ietf-plants-merkle-tree-certs §4.4.1), used only
 * to cross-check the fast code.
 *
 * <p>Leaf {@code i} is the entry {@code uint64-BE(i mod 1021)}, so the tree can be as big as {@code
 * 2^62} leaves without materialising it: the content of a perfect subtree depends only on its level
 * and where it starts modulo the prime 1021, so perfect-subtree hashes are memoised by that pair.
 * Since 1021 is odd, a node and its sibling never start at the same residue, so sibling subtrees
 * always differ and swapped or shifted proofs are still detected.
 */
public final class ReferenceTree {
  /** The period of the leaf content; prime, so siblings never coincide. */
  public static final long PERIOD = 1021;

  private final Map<Long, Hash> perfect = new HashMap<>();

  /** The hash of leaf {@code index}. */
  public Hash leafHash(long index) {
    return Rfc6962.leafHash(entry(index));
  }

  /** The entry (leaf data) at {@code index}. */
  public static byte[] entry(long index) {
    return ByteBuffer.allocate(8).putLong(index % PERIOD).array();
  }

  /** MTH(D[0:size]). */
  public Hash rootHash(long size) {
    return size == 0 ? Rfc6962.emptyRoot() : mth(0, size);
  }

  /** The hash of node {@code id}, a perfect subtree. */
  public Hash nodeHash(NodeId id) {
    return mth(id.begin(), id.end());
  }

  /** MTH(D[begin:end]), {@code begin < end}. */
  public Hash mth(long begin, long end) {
    long n = end - begin;
    if (n == 1) {
      return leafHash(begin);
    }
    boolean isPerfect = Long.bitCount(n) == 1 && begin % n == 0;
    Long key = isPerfect ? Long.numberOfTrailingZeros(n) * PERIOD + begin % PERIOD : null;
    if (key != null) {
      Hash memo = perfect.get(key);
      if (memo != null) {
        return memo;
      }
    }
    long k = largestPowerOfTwoBelow(n);
    Hash hash = Rfc6962.nodeHash(mth(begin, begin + k), mth(begin + k, end));
    if (key != null) {
      perfect.put(key, hash);
    }
    return hash;
  }

  /** PATH(index, D[0:size]): the inclusion proof, leaf sibling first. */
  public List<Hash> inclusionProof(long index, long size) {
    List<Hash> path = new ArrayList<>();
    path(index, 0, size, path);
    return path;
  }

  private void path(long index, long begin, long end, List<Hash> out) {
    long n = end - begin;
    if (n <= 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (index - begin < k) {
      path(index, begin, begin + k, out);
      out.add(mth(begin + k, end));
    } else {
      path(index, begin + k, end, out);
      out.add(mth(begin, begin + k));
    }
  }

  /** PROOF(size1, D[0:size2]): the consistency proof, {@code 0 < size1 <= size2}. */
  public List<Hash> consistencyProof(long size1, long size2) {
    List<Hash> proof = new ArrayList<>();
    subproof(size1, 0, size2, true, proof);
    return proof;
  }

  private void subproof(long m, long begin, long end, boolean whole, List<Hash> out) {
    long n = end - begin;
    if (m == n) {
      if (!whole) {
        out.add(mth(begin, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, begin, begin + k, whole, out);
      out.add(mth(begin + k, end));
    } else {
      subproof(m - k, begin + k, end, false, out);
      out.add(mth(begin, begin + k));
    }
  }

  /** MTH(D[start:end]), the hash of a subtree; the empty root when {@code start == end}. */
  public Hash subtreeHash(long start, long end) {
    return start == end ? Rfc6962.emptyRoot() : mth(start, end);
  }

  /**
   * The subtree inclusion proof of entry {@code index} in {@code [start, end)}: PATH(index - start,
   * D[start:end]) (draft-ietf-plants-merkle-tree-certs §4.3).
   */
  public List<Hash> subtreeInclusionProof(long index, long start, long end) {
    List<Hash> path = new ArrayList<>();
    path(index, start, end, path);
    return path;
  }

  /**
   * SUBTREE_PROOF(start, end, D[0:size]) (draft-ietf-plants-merkle-tree-certs §4.4.1), straight
   * from its recursive definition. Requires {@code [start, end)} to be a subtree, {@code end <=
   * size}.
   */
  public List<Hash> subtreeConsistencyProof(long start, long end, long size) {
    List<Hash> proof = new ArrayList<>();
    if (start < end) {
      subtreeSubproof(start, end, 0, size, true, proof);
    }
    return proof;
  }

  /** SUBTREE_SUBPROOF for the subtree [start, end) of the tree over D[begin:stop]. */
  private void subtreeSubproof(
      long start, long end, long begin, long stop, boolean whole, List<Hash> out) {
    if (start == begin && end == stop) {
      if (!whole) {
        out.add(mth(begin, stop));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(stop - begin);
    if (end <= begin + k) {
      subtreeSubproof(start, end, begin, begin + k, whole, out);
      out.add(mth(begin + k, stop));
    } else if (begin + k <= start) {
      subtreeSubproof(start, end, begin + k, stop, whole, out);
      out.add(mth(begin, begin + k));
    } else {
      // start < k < end, so start == begin: the subtree spans both children.
      subtreeSubproof(begin + k, end, begin + k, stop, false, out);
      out.add(mth(begin, begin + k));
    }
  }

  /** The largest power of two strictly below {@code n}, {@code n >= 2}. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
