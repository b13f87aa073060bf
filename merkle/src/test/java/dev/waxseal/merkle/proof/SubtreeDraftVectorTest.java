package dev.waxseal.merkle.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accumulated test vectors of draft-ietf-plants-merkle-tree-certs, Appendix "Subtree Test
 * Vectors" (ietf-plants-wg/merkle-tree-certs @ d7362d6): for trees of up to 130 entries {@code d[i]
 * = byte i}, the output of each subtree algorithm over every valid input is fed, one line each,
 * into one rolling SHA-256 whose final value the draft publishes. Every proof is also verified.
 *
 * <p>Proofs come from the production plans ({@link ProofNodes}), filled with node hashes from a
 * naive MTH over the leaves; the validity rule is {@link Subtree#invalidReason}.
 */
class SubtreeDraftVectorTest {
  private static final int MAX = 130;

  private final Hash[] leaves = new Hash[MAX];
  private final Map<Long, Hash> memo = new HashMap<>();
  private final MessageDigest rolling = Rfc6962.newSha256();
  private int lines;

  SubtreeDraftVectorTest() {
    for (int i = 0; i < MAX; i++) {
      leaves[i] = Rfc6962.leafHash(new byte[] {(byte) i});
    }
  }

  @Test
  void subtreeHashes() {
    for (long end = 0; end <= MAX; end++) {
      for (long start = 0; start <= end; start++) {
        if (Subtree.invalidReason(start, end).isEmpty()) {
          line("[" + start + ", " + end + ") " + mth(start, end).hex());
        }
      }
    }
    assertRolling("b82806ad4265bb151c1119c0f4db437bb4d1a1f887b3a7fba1cd4ebf552e3e81");
  }

  @Test
  void subtreeInclusionProofs() throws Exception {
    for (long end = 0; end <= MAX; end++) {
      for (long start = 0; start <= end; start++) {
        if (Subtree.invalidReason(start, end).isPresent()) {
          continue;
        }
        for (long index = start; index < end; index++) {
          List<Hash> proof = fill(ProofNodes.subtreeInclusion(index, start, end));
          SubtreeProofVerifier.verifyInclusion(
              index, start, end, leaves[(int) index], proof, mth(start, end));
          line(index + " [" + start + ", " + end + ")" + hexes(proof));
        }
      }
    }
    assertRolling("ac2a8f989e44d99e399db448050ff5f19757df53cfb716aa81015d3955d8163f");
  }

  @Test
  void subtreeConsistencyProofs() throws Exception {
    for (long n = 0; n <= MAX; n++) {
      for (long end = 0; end <= n; end++) {
        for (long start = 0; start <= end; start++) {
          if (Subtree.invalidReason(start, end).isPresent()) {
            continue;
          }
          List<Hash> proof = fill(ProofNodes.subtreeConsistency(start, end, n));
          SubtreeProofVerifier.verifyConsistency(start, end, n, mth(start, end), mth(0, n), proof);
          line("[" + start + ", " + end + ") " + n + hexes(proof));
        }
      }
    }
    assertRolling("10fa99b37bf9bf9ffa26b412fbd98bd75363256d0b75d61bc4538b9c9c5a0a74");
  }

  @Test
  void coveringSubtrees() {
    for (long end = 0; end <= MAX; end++) {
      for (long start = 0; start <= end; start++) {
        Subtree.Covering covering = Subtree.Covering.of(start, end);
        Subtree left = covering.left();
        Subtree right = covering.right();
        line(
            "["
                + left.start()
                + ", "
                + left.end()
                + ") ["
                + right.start()
                + ", "
                + right.end()
                + ")");
      }
    }
    assertRolling("7fd9c8b926e9d2b5cf831560e8ce295a5ef97ad5c5ede4ea0dea28a8c8fc8bb0");
  }

  private void line(String text) {
    rolling.update((text + "\n").getBytes(StandardCharsets.US_ASCII));
    lines++;
  }

  private void assertRolling(String want) {
    String got = HexFormat.of().formatHex(rolling.digest());
    System.out.printf("draft accumulated vector: %d lines -> %s%n", lines, got);
    assertEquals(want, got);
  }

  private static String hexes(List<Hash> proof) {
    StringBuilder sb = new StringBuilder();
    for (Hash hash : proof) {
      sb.append(' ').append(hash.hex());
    }
    return sb.toString();
  }

  private List<Hash> fill(ProofNodes plan) {
    List<Hash> hashes = plan.ids().stream().map(this::nodeHash).toList();
    return plan.rehash(hashes, Rfc6962::nodeHash);
  }

  private Hash nodeHash(NodeId id) {
    return mth(id.begin(), id.end());
  }

  /** MTH(D[begin:end]) straight from RFC 9162 §2.1.1, memoised. */
  private Hash mth(long begin, long end) {
    if (begin == end) {
      return Rfc6962.emptyRoot();
    }
    if (end - begin == 1) {
      return leaves[(int) begin];
    }
    Long key = begin * (MAX + 1) + end;
    Hash memoised = memo.get(key);
    if (memoised != null) {
      return memoised;
    }
    long k = Long.highestOneBit(end - begin - 1);
    Hash hash = Rfc6962.nodeHash(mth(begin, begin + k), mth(begin + k, end));
    memo.put(key, hash);
    return hash;
  }
}
