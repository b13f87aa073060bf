package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;

/**
 * A row of {@code entries}: one leaf of the log.
 *
 * @param treeId the tree
 * @param index the leaf index within the tree
 * @param leafHash RFC 6962 leaf hash of {@code body}
 * @param kind the entry kind, e.g. {@code hashedrekord}
 * @param apiVersion the kind's version, e.g. {@code 0.0.1}
 * @param body the canonical entry bytes (the leaf)
 * @param integratedTime Unix seconds at integration
 * @param entryTimestamp the signed entry timestamp made at integration
 */
@SuppressWarnings("ArrayRecordComponent") // rows carry bytes straight from and to JDBC
public record EntryRow(
    long treeId,
    long index,
    Hash leafHash,
    String kind,
    String apiVersion,
    byte[] body,
    long integratedTime,
    byte[] entryTimestamp) {}
