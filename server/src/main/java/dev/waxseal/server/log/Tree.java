package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.storage.TreeRow;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tree of the log (a Rekor v1 shard): a log of its own, with its id, origins, key, state and
 * place in the virtual index space.
 *
 * @param treeId the tree's random positive id (Rekor's treeID)
 * @param active whether the tree takes writes
 * @param logId SHA-256 of the DER public key the tree is signed with
 * @param virtualOffset the virtual index of the tree's leaf 0 across all trees
 * @param origin the Rekor v1 checkpoint origin, {@code "<hostname> - <treeID>"}
 * @param keyId the configured key that signs the tree
 * @param tilePrefix the tree's path under the tile API prefix: empty or {@code /<treeID>}
 * @param tileOrigin the C2SP checkpoint origin
 * @param finalSize the size the tree was frozen at; -1 while it is active
 * @param publicKey the key's DER SubjectPublicKeyInfo, when known
 */
@SuppressWarnings("ArrayRecordComponent") // the key bytes are handed out as copies
public record Tree(
    long treeId,
    boolean active,
    Hash logId,
    long virtualOffset,
    String origin,
    String keyId,
    String tilePrefix,
    String tileOrigin,
    long finalSize,
    byte @Nullable [] publicKey) {

  static Tree of(TreeRow row, String defaultTileOrigin) {
    String tileOrigin = row.tileOrigin();
    Long finalSize = row.finalSize();
    return new Tree(
        row.treeId(),
        row.active(),
        row.logId(),
        row.virtualOffset(),
        row.origin(),
        row.keyId(),
        row.tilePrefix(),
        tileOrigin == null ? defaultTileOrigin : tileOrigin,
        finalSize == null ? -1 : finalSize,
        row.publicKeyDer());
  }

  /** The DER public key of the tree's key, when the log knows it. */
  public Optional<byte[]> publicKeyDer() {
    return publicKey == null ? Optional.empty() : Optional.of(publicKey.clone());
  }
}
