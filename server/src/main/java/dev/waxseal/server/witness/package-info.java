/**
 * Witness mode: Waxseal cosigns other logs' checkpoints (C2SP tlog-witness {@code add-checkpoint},
 * tlog-cosignature {@code cosignature/v1}) with its own Ed25519 witness key.
 *
 * <p>On when {@code WAXSEAL_WITNESS_KEY_FILE} names a PEM key. The witnessed logs (origin and
 * verifier keys) come from {@code WAXSEAL_WITNESS_LOGS}; the latest cosigned checkpoint of each is
 * kept in PostgreSQL ({@code witnessed_logs}, one row per log, row-locked per request). Consistency
 * is checked with merkle's {@code ProofVerifier}; rollbacks and forks are refused with the spec's
 * status codes; every log has its own request rate limit.
 *
 * <p>Depends on merkle and {@code signing} (to load the PEM key). Errors are plain text, as the
 * protocol's clients (litewitness's peers, Tessera, Sigsum) expect, not Rekor's JSON.
 */
@NullMarked
package dev.waxseal.server.witness;

import org.jspecify.annotations.NullMarked;
