package dev.waxseal.server.lifecycle;

import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.PublicKeys;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import java.util.List;
import java.util.Optional;

/** Verifies a stored or given signed checkpoint against the key that must have signed it. */
final class SignedCheckpoints {
  private SignedCheckpoints() {}

  /** The key of a DER SubjectPublicKeyInfo (a tree's {@code public_key}). */
  static LogKey key(byte[] spkiDer) {
    return LogKey.of(PublicKeys.fromSpki(spkiDer));
  }

  /**
   * Verifies {@code note} with any of {@code keys} and returns its checkpoint.
   *
   * @throws AuditException naming {@code what} if it is malformed or no key verifies it
   */
  static Checkpoint verify(String what, String note, List<LogKey> keys) throws AuditException {
    VerificationException last = null;
    for (LogKey key : keys) {
      try {
        return new CheckpointVerifier(key, Optional.empty(), Optional.empty()).verify(note);
      } catch (VerificationException e) {
        last = e;
      }
    }
    if (last == null) {
      throw new AuditException(what + ": no key to verify it with");
    }
    throw new AuditException(what + ": signature", last);
  }

  /**
   * Checks that {@code checkpoint} commits to {@code size} and {@code rootHash}.
   *
   * @throws AuditException naming {@code what} and both values otherwise
   */
  static void requireCommits(String what, Checkpoint checkpoint, long size, Hash rootHash)
      throws AuditException {
    if (checkpoint.size() != size) {
      throw new AuditException(what + ": signed size is " + checkpoint.size() + ", want " + size);
    }
    if (!checkpoint.rootHash().equals(rootHash)) {
      throw new AuditException(
          what + ": signed root is " + checkpoint.rootHash().hex() + ", want " + rootHash.hex());
    }
  }
}
