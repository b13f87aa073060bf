package dev.waxseal.server.storage;

/**
 * A row of {@code attestations}: the stored payload of one entry.
 *
 * @param index the entry's leaf index
 * @param data the payload bytes
 */
@SuppressWarnings("ArrayRecordComponent") // rows carry bytes straight from and to JDBC
public record AttestationRow(long index, byte[] data) {}
