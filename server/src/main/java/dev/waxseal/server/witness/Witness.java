package dev.waxseal.server.witness;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.merkle.witness.Cosignature;
import dev.waxseal.merkle.witness.Cosigner;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The witness: checks an add-checkpoint request against the log's keys and the latest checkpoint it
 * cosigned, records the new one, and cosigns it (C2SP tlog-witness, in the spec's order).
 *
 * <ol>
 *   <li>origin not configured → 404; rate limit spent → 429;
 *   <li>no signature verifies with the log's keys → 403;
 *   <li>checkpoint text malformed → 400; old size &gt; checkpoint size → 400;
 *   <li>size 0 with a root other than the empty tree's → 422;
 *   <li>under the log's row lock: old size ≠ stored size → 409 with the stored size (a rollback, or
 *       a client that has to catch up); same size, other root → 409 (a fork);
 *   <li>old size 0: proof must be empty; otherwise it must prove old → new consistent → 422;
 *   <li>store the checkpoint, cosign it, commit, and only then answer 200.
 * </ol>
 */
final class Witness {
  private static final Logger log = LoggerFactory.getLogger(Witness.class);

  private final WitnessedLogs logs;
  private final WitnessStore store;
  private final TransactionTemplate transactions;
  private final Cosigner cosigner;
  private final LogRateLimiter rateLimiter;

  Witness(
      WitnessedLogs logs,
      WitnessStore store,
      TransactionTemplate transactions,
      Cosigner cosigner,
      LogRateLimiter rateLimiter) {
    this.logs = logs;
    this.store = store;
    this.transactions = transactions;
    this.cosigner = cosigner;
    this.rateLimiter = rateLimiter;
  }

  /**
   * Processes one request and returns the cosignature.
   *
   * @throws WitnessException with the status and message for the client, if refused
   */
  Cosignature addCheckpoint(AddCheckpointRequest request) {
    String origin = request.origin();
    List<NoteVerifier> keys =
        logs.keys(origin)
            .orElseThrow(
                () ->
                    WitnessException.unknownLog(
                        "unknown log: this witness has no log with origin \"" + origin + "\""));
    if (!rateLimiter.tryAcquire(origin)) {
      throw WitnessException.tooManyRequests(
          "too many add-checkpoint requests for \"" + origin + "\"; retry later");
    }
    try {
      request.note().verify(keys);
    } catch (NoteVerificationException e) {
      throw WitnessException.forbidden(
          "checkpoint signature does not verify with a key trusted for \""
              + origin
              + "\": "
              + e.getMessage());
    }
    Checkpoint checkpoint = parse(request);
    long oldSize = request.oldSize();
    if (oldSize > checkpoint.size()) {
      throw WitnessException.badRequest(
          "old size " + oldSize + " is larger than the checkpoint size " + checkpoint.size());
    }
    if (checkpoint.size() == 0 && !checkpoint.rootHash().equals(Rfc6962.emptyRoot())) {
      throw WitnessException.badProof(
          "checkpoint of size 0 has a root other than the empty tree's");
    }
    Cosignature cosignature = transactions.execute(status -> checkAndAdvance(request, checkpoint));
    if (cosignature == null) {
      throw new IllegalStateException("the witness transaction returned no cosignature");
    }
    // Committed: the new size is durable before the client sees the cosignature.
    log.atInfo()
        .addKeyValue("origin", origin)
        .addKeyValue("old_size", oldSize)
        .addKeyValue("size", checkpoint.size())
        .log("checkpoint cosigned");
    return cosignature;
  }

  private Cosignature checkAndAdvance(AddCheckpointRequest request, Checkpoint checkpoint) {
    String origin = checkpoint.origin();
    WitnessStore.State state = store.lock(origin);
    long oldSize = request.oldSize();
    if (oldSize != state.size()) {
      throw WitnessException.conflict(
          state.size(),
          "old size " + oldSize + " is not the witness's latest cosigned size " + state.size());
    }
    if (checkpoint.size() == state.size()) {
      if (!checkpoint.rootHash().equals(state.rootHash())) {
        log.atWarn()
            .addKeyValue("origin", origin)
            .addKeyValue("size", state.size())
            .addKeyValue("note", request.note().format())
            .log("fork: a validly signed checkpoint with the cosigned size and another root");
        throw WitnessException.conflict(
            state.size(),
            "checkpoint has the witness's size " + state.size() + " but another root hash: a fork");
      }
      if (!request.proof().isEmpty()) {
        throw WitnessException.badProof(
            "consistency proof between equal sizes must be empty, got "
                + request.proof().size()
                + " hashes");
      }
    } else if (oldSize == 0) {
      if (!request.proof().isEmpty()) {
        throw WitnessException.badProof(
            "consistency proof from size 0 must be empty, got "
                + request.proof().size()
                + " hashes");
      }
    } else {
      try {
        ProofVerifier.verifyConsistency(
            oldSize, checkpoint.size(), state.rootHash(), checkpoint.rootHash(), request.proof());
      } catch (ProofVerificationException e) {
        log.atWarn()
            .addKeyValue("origin", origin)
            .addKeyValue("old_size", oldSize)
            .addKeyValue("note", request.note().format())
            .log("consistency proof does not verify: " + e.getMessage());
        throw WitnessException.badProof(
            "consistency proof from size "
                + oldSize
                + " to "
                + checkpoint.size()
                + " does not verify: "
                + e.getMessage());
      }
    }
    store.advance(origin, checkpoint.size(), checkpoint.rootHash(), request.note().format());
    try {
      return cosigner.cosign(checkpoint);
    } catch (GeneralSecurityException e) {
      // Rolls back the advance: a checkpoint is only recorded together with its cosignature.
      throw new IllegalStateException("cosigning failed", e);
    }
  }

  private static Checkpoint parse(AddCheckpointRequest request) {
    try {
      return Checkpoint.parse(request.note().text());
    } catch (NoteFormatException e) {
      throw WitnessException.badRequest("checkpoint text is malformed: " + e.getMessage());
    }
  }
}
