package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An entry handed to the log: its canonical body (the leaf) and what is stored beside it.
 *
 * @param kind the entry kind, e.g. {@code hashedrekord}
 * @param apiVersion the kind's version
 * @param body the canonical entry bytes
 * @param leafHash {@code Rfc6962.leafHash(body)}, computed by the caller's thread
 * @param searchKeys lower-cased search keys
 * @param attestation a payload to store with the entry, if any
 */
@SuppressWarnings("ArrayRecordComponent") // bodies pass through to JDBC untouched
public record PendingEntry(
    String kind,
    String apiVersion,
    byte[] body,
    Hash leafHash,
    List<String> searchKeys,
    byte @Nullable [] attestation) {
  /** Creates an entry with no search keys or attestation, hashing {@code body}. */
  public static PendingEntry of(String kind, String apiVersion, byte[] body) {
    return new PendingEntry(kind, apiVersion, body, Rfc6962.leafHash(body), List.of(), null);
  }
}
