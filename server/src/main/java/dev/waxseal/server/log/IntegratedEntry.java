package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.storage.EntryRow;

/**
 * An entry the log has integrated, as readers see it.
 *
 * @param treeId the tree
 * @param index the leaf index within the tree
 * @param leafHash RFC 6962 leaf hash of {@code body} (the Rekor UUID)
 * @param kind the entry kind, e.g. {@code hashedrekord}
 * @param apiVersion the kind's version
 * @param body the canonical entry bytes (the leaf)
 * @param integratedTime Unix seconds at integration
 * @param entryTimestamp the signed entry timestamp made at integration
 */
@SuppressWarnings("ArrayRecordComponent") // bodies pass through untouched; callers never mutate
public record IntegratedEntry(
    long treeId,
    long index,
    Hash leafHash,
    String kind,
    String apiVersion,
    byte[] body,
    long integratedTime,
    byte[] entryTimestamp) {
  static IntegratedEntry of(EntryRow row) {
    return new IntegratedEntry(
        row.treeId(),
        row.index(),
        row.leafHash(),
        row.kind(),
        row.apiVersion(),
        row.body(),
        row.integratedTime(),
        row.entryTimestamp());
  }
}
