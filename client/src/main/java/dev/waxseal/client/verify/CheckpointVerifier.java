package dev.waxseal.client.verify;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens checkpoints signed by one log key, in the Rekor v1 dialect (key name = host, origin =
 * {@code "<host> - <treeID>"}) or C2SP (key name = origin), then applies a witness policy.
 *
 * <p>Witness policies are merkle's ({@link WitnessPolicy}: Sigsum policy files, C2SP
 * cosignature/v1), so a client and a server-side witness agree on what a cosignature is.
 *
 * <p>The trust is in the key, not in the name on the signature line: every name the note uses is
 * tried with this key's ids, and the note must carry a valid signature by the key. An expected
 * origin, when given, must match exactly.
 */
public final class CheckpointVerifier {
  private final LogKey key;
  private final Optional<String> origin;
  private final Optional<WitnessPolicy> witnesses;

  /** A verifier for checkpoints by {@code key}, of any origin, with no witness requirement. */
  public CheckpointVerifier(LogKey key) {
    this(key, Optional.empty(), Optional.empty());
  }

  /**
   * A verifier for checkpoints by {@code key} with {@code origin}, if given, whose cosignatures
   * must meet the quorum of {@code witnesses}, if given.
   */
  public CheckpointVerifier(
      LogKey key, Optional<String> origin, Optional<WitnessPolicy> witnesses) {
    this.key = key;
    this.origin = origin;
    this.witnesses = witnesses;
  }

  /** The log key. */
  public LogKey key() {
    return key;
  }

  /** The origin checkpoints must have, if one was given. */
  public Optional<String> origin() {
    return origin;
  }

  /**
   * The same key and witness policy for another origin: each shard of a sharded tile log is a C2SP
   * log of its own, signed by the same key under its own origin.
   */
  public CheckpointVerifier withOrigin(Optional<String> origin) {
    return new CheckpointVerifier(key, origin, witnesses);
  }

  /**
   * Parses and verifies a signed checkpoint.
   *
   * @throws VerificationException if the note is malformed, is not signed by the key, a signature
   *     by the key does not verify, the origin differs, or the witness policy fails
   */
  public Checkpoint verify(String signedNote) throws VerificationException {
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(signedNote);
      checkpoint = Checkpoint.parse(note.text());
    } catch (NoteFormatException e) {
      throw new VerificationException("malformed checkpoint", e);
    }
    Set<String> names = new LinkedHashSet<>();
    for (NoteSignature signature : note.signatures()) {
      names.add(signature.keyName());
    }
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (String name : names) {
      verifiers.addAll(key.noteVerifiers(name));
    }
    try {
      note.verify(verifiers);
    } catch (NoteVerificationException e) {
      throw new VerificationException(
          "checkpoint of " + checkpoint.origin() + " at size " + checkpoint.size(), e);
    }
    if (origin.isPresent() && !origin.get().equals(checkpoint.origin())) {
      throw new VerificationException(
          "checkpoint origin is " + checkpoint.origin() + ", want " + origin.get());
    }
    if (witnesses.isPresent()) {
      try {
        witnesses.get().requireQuorum(note);
      } catch (NoteVerificationException e) {
        throw new VerificationException(
            "cosignatures on the checkpoint of "
                + checkpoint.origin()
                + " at size "
                + checkpoint.size(),
            e);
      }
    }
    return checkpoint;
  }
}
