package dev.waxseal.server.api;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.tiles.TileProofs;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.Tree;
import dev.waxseal.server.signing.LogIdentity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/log}: the log's state (Rekor's {@code getLogInfo}), consistency proofs ({@code
 * getLogProof}) and the public key ({@code getPublicKey}). Every checkpoint served is one the log
 * stored when it published, so the same size always gives the same bytes.
 */
@RestController
final class LogController {
  static final String PEM_MEDIA_TYPE = "application/x-pem-file";

  private final LogReader reader;

  LogController(LogReader reader) {
    this.reader = reader;
  }

  @GetMapping(path = "/api/v1/log", produces = MediaType.APPLICATION_JSON_VALUE)
  LogInfoResponse logInfo() {
    PublishedCheckpoint active = reader.latestCheckpoint();
    List<LogInfoResponse.ShardInfo> inactive = new ArrayList<>();
    for (Tree tree : reader.currentTrees()) {
      if (tree.treeId() != active.treeId()) {
        PublishedCheckpoint latest = reader.latestCheckpoint(tree.treeId());
        inactive.add(
            new LogInfoResponse.ShardInfo(
                latest.rootHash().hex(),
                latest.note(),
                Long.toString(tree.treeId()),
                latest.size()));
      }
    }
    return new LogInfoResponse(
        inactive,
        active.rootHash().hex(),
        active.note(),
        Long.toString(active.treeId()),
        active.size());
  }

  @GetMapping(path = "/api/v1/log/proof", produces = MediaType.APPLICATION_JSON_VALUE)
  ConsistencyProofResponse proof(
      @RequestParam(name = "firstSize", required = false) @Nullable String firstSize,
      @RequestParam("lastSize") String lastSize,
      @RequestParam(name = "treeID", required = false) @Nullable String treeId) {
    long size1 = firstSize == null ? 1 : QueryParameters.integer("firstSize", firstSize, 1);
    long size2 = QueryParameters.integer("lastSize", lastSize, 1);
    if (size1 > size2) {
      throw BadRequestException.format(ApiMessages.FIRST_SIZE_GREATER_THAN_LAST_SIZE, size1, size2);
    }
    long tree = treeId(treeId);
    long current = reader.latestCheckpoint(tree).size();
    if (size2 > current) {
      throw BadRequestException.format(ApiMessages.LAST_SIZE_GREATER_THAN_KNOWN, size2, current);
    }
    TileProofs.RootedConsistency proof = reader.consistencyProofWithRoot(tree, size1, size2);
    return new ConsistencyProofResponse(
        proof.proof().hashes().stream().map(Hash::hex).toList(), proof.rootHash().hex());
  }

  @GetMapping(path = "/api/v1/log/publicKey")
  ResponseEntity<String> publicKey(
      @RequestParam(name = "treeID", required = false) @Nullable String treeId) {
    long tree = treeId(treeId);
    Tree row = reader.tree().tree(tree).orElseThrow();
    // Each shard's own key (a new shard may have a new one), stored with the tree.
    byte[] publicKey =
        row.publicKeyDer()
            .orElseThrow(() -> BadRequestException.format(ApiMessages.UNKNOWN_TREE_ID, tree));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(PEM_MEDIA_TYPE))
        .body(LogIdentity.pem(publicKey));
  }

  /** The tree a request names, or the active tree; 400 for ids the log does not have. */
  private long treeId(@Nullable String treeId) {
    if (treeId == null || treeId.isEmpty()) {
      return reader.tree().activeTreeId();
    }
    long id = QueryParameters.treeId(treeId);
    if (reader.tree().tree(id).isEmpty()
        && reader.currentTrees().stream().noneMatch(t -> t.treeId() == id)) {
      throw BadRequestException.format(ApiMessages.UNKNOWN_TREE_ID, id);
    }
    return id;
  }
}
