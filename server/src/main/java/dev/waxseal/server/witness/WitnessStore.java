package dev.waxseal.server.witness;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code witnessed_logs} table (V3__witness.sql): the latest cosigned checkpoint per log.
 *
 * <p>{@link #lock} and {@link #advance} MUST run in the caller's transaction: the row lock taken by
 * {@code lock} is what makes check-then-update atomic across threads and replicas.
 */
final class WitnessStore {
  private static final String INSERT_IF_ABSENT =
      "INSERT INTO witnessed_logs (origin, size, root_hash) VALUES (?, 0, ?)"
          + " ON CONFLICT (origin) DO NOTHING";
  private static final String LOCK =
      "SELECT size, root_hash FROM witnessed_logs WHERE origin = ? FOR UPDATE";
  private static final String UPDATE =
      "UPDATE witnessed_logs SET size = ?, root_hash = ?, checkpoint = ?, updated_at = now()"
          + " WHERE origin = ?";
  private static final String SELECT_CHECKPOINT =
      "SELECT checkpoint FROM witnessed_logs WHERE origin = ? AND checkpoint IS NOT NULL";

  /** A log's latest cosigned state: size 0 and the empty root before its first checkpoint. */
  record State(long size, Hash rootHash) {}

  private final JdbcClient jdbc;

  WitnessStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks {@code origin}'s row until the transaction ends, creating it at size 0 if new, and
   * returns its state. A concurrent request for the same log waits here.
   */
  State lock(String origin) {
    jdbc.sql(INSERT_IF_ABSENT).params(origin, Rfc6962.emptyRoot().bytes()).update();
    return jdbc.sql(LOCK)
        .param(origin)
        .query((rs, row) -> new State(rs.getLong(1), Hash.of(rs.getBytes(2))))
        .single();
  }

  /** Records a newly cosigned checkpoint; the caller holds the row lock. */
  void advance(String origin, long size, Hash rootHash, String signedNote) {
    int updated = jdbc.sql(UPDATE).params(size, rootHash.bytes(), signedNote, origin).update();
    if (updated != 1) {
      throw new IllegalStateException("witnessed_logs row for " + origin + " vanished");
    }
  }

  /** The latest cosigned checkpoint note of {@code origin}, as received. */
  Optional<String> latest(String origin) {
    return jdbc.sql(SELECT_CHECKPOINT).param(origin).query(String.class).optional();
  }
}
