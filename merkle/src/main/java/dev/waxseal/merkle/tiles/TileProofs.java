package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofNodes;
import dev.waxseal.merkle.proof.Subtree;
import dev.waxseal.merkle.proof.SubtreeConsistencyProof;
import dev.waxseal.merkle.proof.SubtreeInclusionProof;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds inclusion and consistency proofs (RFC 9162, and for subtrees
 * draft-ietf-plants-merkle-tree-certs §4) and root and subtree hashes for any tree size up to the
 * latest, from tiles: plan with {@link ProofNodes}, read every tile needed in one {@link
 * TileReader#readTiles} call, then hash.
 *
 * <p>A node at a level that is a multiple of 8 is read straight from its tile. Any other node is
 * the root of a run of {@code 2^r} hashes inside one tile ({@code r = level mod 8}) and is hashed
 * up from them. Hashes beyond the requested tree size (tiles grow in place) are never used: every
 * planned node is a perfect subtree of the requested tree.
 *
 * <p>Stateless: thread-safe when the reader is (which {@link TileReader} requires).
 */
public final class TileProofs {
  private final TileReader reader;

  /** Creates a proof builder over {@code reader}. */
  public TileProofs(TileReader reader) {
    this.reader = reader;
  }

  /**
   * Builds the inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (RFC
   * 9162 §2.1.3.1).
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize}
   * @throws IllegalStateException if the reader breaks its contract (wrong or too narrow tiles)
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    ProofNodes plan = ProofNodes.inclusion(index, treeSize);
    return new InclusionProof(index, treeSize, fill(plan, treeSize));
  }

  /**
   * Builds the consistency proof from the tree of {@code size1} leaves to the tree of {@code size2}
   * leaves (RFC 9162 §2.1.4.1); empty if the sizes are equal or {@code size1} is 0.
   *
   * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2}
   * @throws IllegalStateException if the reader breaks its contract
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    ProofNodes plan = ProofNodes.consistency(size1, size2);
    return new ConsistencyProof(size1, size2, fill(plan, size2));
  }

  /**
   * A consistency proof and the root hash it leads to.
   *
   * @param proof the proof from {@code size1} to {@code size2}
   * @param rootHash the root hash at {@code size2}
   */
  public record RootedConsistency(ConsistencyProof proof, Hash rootHash) {}

  /**
   * Builds the consistency proof from {@code size1} to {@code size2} and the root hash at {@code
   * size2} together, from one {@code readTiles} call: a client answered with both (Rekor's {@code
   * ConsistencyProof}) would otherwise cost two reads of the same tiles.
   *
   * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2}
   * @throws IllegalStateException if the reader breaks its contract
   */
  public RootedConsistency consistencyProofWithRoot(long size1, long size2) {
    ProofNodes plan = ProofNodes.consistency(size1, size2);
    List<NodeId> ids = new ArrayList<>(plan.ids());
    int proofNodes = ids.size();
    ids.addAll(CompactRange.nodeIds(size2));
    List<Hash> hashes = nodeHashes(ids, size2);
    ConsistencyProof proof =
        new ConsistencyProof(
            size1, size2, plan.rehash(hashes.subList(0, proofNodes), Rfc6962::nodeHash));
    return new RootedConsistency(proof, fold(hashes.subList(proofNodes, hashes.size())));
  }

  /**
   * Builds the inclusion proof of entry {@code index} in the subtree {@code [start, end)}
   * (draft-ietf-plants-merkle-tree-certs §4.3), from the tiles of the tree of size {@code end}.
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a {@link Subtree} and {@code
   *     start <= index < end}
   * @throws IllegalStateException if the reader breaks its contract
   */
  public SubtreeInclusionProof subtreeInclusionProof(long index, long start, long end) {
    ProofNodes plan = ProofNodes.subtreeInclusion(index, start, end);
    return new SubtreeInclusionProof(index, new Subtree(start, end), fill(plan, end));
  }

  /**
   * Builds the consistency proof between the subtree {@code [start, end)} and the tree of {@code
   * treeSize} leaves (draft-ietf-plants-merkle-tree-certs §4.4.1).
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a {@link Subtree} and {@code
   *     end <= treeSize}
   * @throws IllegalStateException if the reader breaks its contract
   */
  public SubtreeConsistencyProof subtreeConsistencyProof(long start, long end, long treeSize) {
    ProofNodes plan = ProofNodes.subtreeConsistency(start, end, treeSize);
    return new SubtreeConsistencyProof(new Subtree(start, end), treeSize, fill(plan, treeSize));
  }

  /**
   * Computes the subtree hash {@code MTH(D[start:end])} from the perfect subtrees that tile it (the
   * empty root for an empty subtree). Alignment makes them the tiling of {@code [0, end - start)}
   * moved right by {@code start}.
   *
   * @throws IllegalArgumentException unless {@code [start, end)} is a {@link Subtree}
   * @throws IllegalStateException if the reader breaks its contract
   */
  public Hash subtreeHash(long start, long end) {
    Subtree subtree = new Subtree(start, end);
    List<NodeId> ids = new ArrayList<>();
    for (NodeId id : CompactRange.nodeIds(subtree.size())) {
      ids.add(new NodeId(id.level(), id.index() + (start >>> id.level())));
    }
    return fold(nodeHashes(ids, end));
  }

  /**
   * Computes the root hash of the tree of {@code treeSize} leaves from its perfect subtrees.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative
   * @throws IllegalStateException if the reader breaks its contract
   */
  public Hash rootHash(long treeSize) {
    return fold(nodeHashes(CompactRange.nodeIds(treeSize), treeSize));
  }

  /** The root over a tree's perfect subtrees, largest first (the empty root if there are none). */
  private static Hash fold(List<Hash> subtrees) {
    if (subtrees.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    Hash root = subtrees.get(subtrees.size() - 1);
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      root = Rfc6962.nodeHash(subtrees.get(i), root);
    }
    return root;
  }

  private List<Hash> fill(ProofNodes plan, long treeSize) {
    return plan.rehash(nodeHashes(plan.ids(), treeSize), Rfc6962::nodeHash);
  }

  /**
   * Returns the hashes of {@code ids}, perfect subtrees of the tree of {@code treeSize} leaves,
   * reading all the tiles they need in one call.
   *
   * @throws IllegalArgumentException if a node is not a perfect subtree of that tree
   * @throws IllegalStateException if the reader breaks its contract
   */
  public List<Hash> nodeHashes(List<NodeId> ids, long treeSize) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // Group the nodes by tile, each tile read once at the widest position any node needs.
    Map<TileId, Integer> slots = new HashMap<>();
    List<TileId> tileIds = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    int[] slotOfNode = new int[ids.size()];
    for (int k = 0; k < ids.size(); k++) {
      NodeId id = ids.get(k);
      if (id.end() > treeSize) {
        throw new IllegalArgumentException(
            "node " + id + " is not a perfect subtree of tree size " + treeSize);
      }
      TileId tileId = TileGeometry.tileOf(id);
      Integer slot = slots.get(tileId);
      if (slot == null) {
        slot = tileIds.size();
        slots.put(tileId, slot);
        tileIds.add(tileId);
        widths.add(0);
      }
      widths.set(slot, Math.max(widths.get(slot), lastPosition(id) + 1));
      slotOfNode[k] = slot;
    }
    List<Tile> tiles = reader.readTiles(List.copyOf(tileIds));
    checkTiles(tiles, tileIds, widths, treeSize);
    List<Hash> hashes = new ArrayList<>(ids.size());
    for (int k = 0; k < ids.size(); k++) {
      hashes.add(hashInTile(ids.get(k), tiles.get(slotOfNode[k])));
    }
    return hashes;
  }

  /** Holds the reader to its contract: the tiles asked for, in order, wide enough. */
  private static void checkTiles(
      List<Tile> tiles, List<TileId> tileIds, List<Integer> widths, long treeSize) {
    if (tiles.size() != tileIds.size()) {
      throw new IllegalStateException(
          "tile reader returned " + tiles.size() + " tiles, want " + tileIds.size());
    }
    for (int i = 0; i < tiles.size(); i++) {
      Tile tile = tiles.get(i);
      TileId want = tileIds.get(i);
      if (!tile.id().equals(want)) {
        throw new IllegalStateException(
            "tile reader returned tile " + tile.id() + ", want " + want);
      }
      if (tile.width() < widths.get(i)) {
        throw new IllegalStateException(
            "tile "
                + want
                + " has width "
                + tile.width()
                + ", need "
                + widths.get(i)
                + " for tree size "
                + treeSize);
      }
    }
  }

  /** The position in its tile of the last tile-level node under {@code id}. */
  private static int lastPosition(NodeId id) {
    int shift = id.level() % TileGeometry.HEIGHT;
    return (int) (((id.index() + 1) << shift) - 1) % TileGeometry.WIDTH;
  }

  /** The hash of node {@code id} from the tile that holds it (inner nodes are memoised). */
  private static Hash hashInTile(NodeId id, Tile tile) {
    int shift = id.level() % TileGeometry.HEIGHT;
    int position = (int) (id.index() % (TileGeometry.WIDTH >> shift));
    return tile.innerNode(shift, position);
  }
}
