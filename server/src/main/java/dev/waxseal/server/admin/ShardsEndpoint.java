package dev.waxseal.server.admin;

import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.ShardRotation;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.log.UnknownShardKeyException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/shards}: {@code GET} lists every shard (state, size, root, key), {@code POST}
 * with a JSON body rotates: {@code {}} freezes the active shard and starts the next with the same
 * key, {@code {"keyId": "k2"}} starts it with the configured shard key {@code k2}.
 *
 * <p>Rotation changes the log for everyone, so this endpoint exists only when the management port
 * differs from the API port ({@link AdminConfiguration}).
 */
@Endpoint(id = "shards")
final class ShardsEndpoint {
  private final LogReader reader;
  private final ShardRotation rotation;

  ShardsEndpoint(LogReader reader, ShardRotation rotation) {
    this.reader = reader;
    this.rotation = rotation;
  }

  /** One shard as the operator sees it. */
  record ShardView(
      String treeID,
      String state,
      long size,
      String rootHash,
      String logID,
      String keyId,
      long virtualIndexOffset,
      String origin,
      String tileOrigin,
      String tilePath,
      String signedTreeHead) {}

  /** The listing, with the rotation just made (if this answers a POST). */
  record ShardsView(@Nullable Rotation rotated, List<ShardView> shards) {}

  /** What a POST did; {@code pauseMillis}: how long appends were held by the rotation. */
  record Rotation(
      String frozenTreeID, long finalSize, String activeTreeID, String keyId, double pauseMillis) {}

  @ReadOperation
  ShardsView shards() {
    return new ShardsView(null, list());
  }

  @WriteOperation
  ShardsView rotate(@Nullable String keyId) {
    ShardRotation.Rotated rotated;
    try {
      rotated = rotation.rotate(keyId);
    } catch (UnknownShardKeyException e) {
      throw new InvalidEndpointRequestException(
          String.valueOf(e.getMessage()), "unknown shard key");
    } catch (SQLException e) {
      throw new IllegalStateException("rotation failed; nothing changed", e);
    }
    return new ShardsView(
        new Rotation(
            Long.toString(rotated.frozen().treeId()),
            rotated.finalSize(),
            Long.toString(rotated.started().treeId()),
            rotated.started().keyId(),
            rotated.pauseNanos() / 1e6),
        list());
  }

  private List<ShardView> list() {
    List<ShardView> shards = new ArrayList<>();
    for (Tree tree : reader.currentTrees()) {
      PublishedCheckpoint head = reader.latestCheckpoint(tree.treeId());
      shards.add(
          new ShardView(
              Long.toString(tree.treeId()),
              tree.active() ? "active" : "frozen",
              head.size(),
              head.rootHash().hex(),
              tree.logId().hex(),
              tree.keyId(),
              tree.virtualOffset(),
              tree.origin(),
              tree.tileOrigin(),
              tree.tilePrefix(),
              head.note()));
    }
    return shards;
  }
}
