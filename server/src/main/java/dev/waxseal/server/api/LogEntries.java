package dev.waxseal.server.api;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.Tree;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds entries and turns them into Rekor {@code LogEntry} objects. Reads never sign: the SET is
 * the one stored at integration, the checkpoint one the log stored when it published.
 */
@Component
final class LogEntries {
  private final LogReader reader;
  private final EntryKinds kinds;

  LogEntries(LogReader reader, EntryKinds kinds) {
    this.reader = reader;
    this.kinds = kinds;
  }

  /** The entry at virtual index {@code logIndex}, if any. */
  Optional<IntegratedEntry> byIndex(long logIndex) {
    return reader.entryByVirtualIndex(logIndex);
  }

  /**
   * Every entry with the id's leaf hash: in the id's tree for an 80-hex id (none if the log has no
   * such tree), else in each tree, the active one first.
   */
  List<IntegratedEntry> byId(EntryId id) {
    if (id.treeId().isPresent()) {
      long treeId = id.treeId().getAsLong();
      // A tree started by another process a moment ago is found after a refresh.
      if (reader.tree().tree(treeId).isEmpty()
          && reader.currentTrees().stream().noneMatch(t -> t.treeId() == treeId)) {
        return List.of();
      }
      return reader.entryByLeafHash(treeId, id.leafHash()).stream().toList();
    }
    return byLeafHash(id.leafHash());
  }

  /**
   * Every entry with {@code leafHash}, the active tree first, in the trees still in the database
   * (an archived shard's entries are not).
   */
  List<IntegratedEntry> byLeafHash(Hash leafHash) {
    List<Tree> trees = reader.tree().trees();
    List<IntegratedEntry> found = new java.util.ArrayList<>();
    for (int i = trees.size() - 1; i >= 0; i--) {
      reader.storedEntryByLeafHash(trees.get(i).treeId(), leafHash).ifPresent(found::add);
    }
    return found;
  }

  /** The LogEntry of a stored entry, proven against the latest checkpoint of its tree. */
  Map<String, LogEntryResponse> read(IntegratedEntry entry) {
    // Only kinds that keep attestations cost the extra lookup.
    byte @Nullable [] attestation =
        kinds.storesAttestations(entry.kind(), entry.apiVersion())
            ? reader.attestation(entry).orElse(null)
            : null;
    return logEntry(
        EntryId.format(entry.treeId(), entry.leafHash()),
        entry,
        reader.virtualIndex(entry),
        reader.checkpointIncluding(entry.treeId(), entry.index()),
        attestation);
  }

  /**
   * The LogEntry of an entry just integrated, proven against the checkpoint of its batch.
   *
   * @param entryId the entry's id, as the caller already formatted it for its headers
   */
  Map<String, LogEntryResponse> created(
      String entryId,
      IntegratedEntry entry,
      long virtualIndex,
      PublishedCheckpoint checkpoint,
      byte @Nullable [] attestation) {
    return logEntry(entryId, entry, virtualIndex, checkpoint, attestation);
  }

  private Map<String, LogEntryResponse> logEntry(
      String entryId,
      IntegratedEntry entry,
      long virtualIndex,
      PublishedCheckpoint checkpoint,
      byte @Nullable [] attestationData) {
    InclusionProof proof = reader.inclusionProof(entry.treeId(), entry.index(), checkpoint.size());
    Base64.Encoder base64 = Base64.getEncoder();
    LogEntryResponse.Attestation attestation =
        attestationData == null
            ? null
            : new LogEntryResponse.Attestation(base64.encodeToString(attestationData));
    LogEntryResponse response =
        new LogEntryResponse(
            attestation,
            base64.encodeToString(entry.body()),
            entry.integratedTime(),
            logIdHex(entry.treeId()),
            virtualIndex,
            new LogEntryResponse.Verification(
                new LogEntryResponse.InclusionProofResponse(
                    checkpoint.note(),
                    proof.hashes().stream().map(Hash::hex).toList(),
                    entry.index(),
                    checkpoint.rootHash().hex(),
                    checkpoint.size()),
                base64.encodeToString(entry.entryTimestamp())));
    Map<String, LogEntryResponse> logEntry = new LinkedHashMap<>();
    logEntry.put(entryId, response);
    return logEntry;
  }

  private String logIdHex(long treeId) {
    return reader.tree().tree(treeId).map(t -> t.logId().hex()).orElse(reader.tree().logIdHex());
  }
}
