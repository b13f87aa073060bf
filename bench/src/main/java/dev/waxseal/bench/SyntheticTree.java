package dev.waxseal.bench;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.Rfc6962;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A consistent RFC 6962 tree of any size that is never materialised: leaf {@code i} is the entry
 * {@code uint64-BE(i mod 1021)}, so a perfect subtree's hash depends only on its level and its
 * first leaf modulo 1021, and is memoised by that pair. Single-threaded.
 */
final class SyntheticTree {
  static final long PERIOD = 1021;

  private final Map<Long, Hash> memo = new HashMap<>();

  Hash leafHash(long index) {
    return Rfc6962.leafHash(ByteBuffer.allocate(8).putLong(index % PERIOD).array());
  }

  /** The hash of the perfect subtree {@code id}. */
  Hash nodeHash(NodeId id) {
    if (id.level() == 0) {
      return leafHash(id.index());
    }
    long key = id.level() * PERIOD + id.begin() % PERIOD;
    Hash hash = memo.get(key);
    if (hash == null) {
      NodeId left = new NodeId(id.level() - 1, id.index() * 2);
      hash = Rfc6962.nodeHash(nodeHash(left), nodeHash(left.sibling()));
      memo.put(key, hash);
    }
    return hash;
  }

  /** MTH(D[0:size]) from the perfect subtrees of the size. */
  Hash rootHash(long size) {
    @Nullable Hash root = null;
    long end = size;
    for (int level = 0; level <= NodeId.MAX_LEVEL; level++) {
      if (((size >>> level) & 1) == 1) {
        end -= 1L << level;
        Hash node = nodeHash(new NodeId(level, end >>> level));
        root = root == null ? node : Rfc6962.nodeHash(node, root);
      }
    }
    return root == null ? Rfc6962.emptyRoot() : root;
  }
}
