package dev.waxseal.client.verify;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;

/**
 * Which witness cosignatures a checkpoint needs (C2SP tlog-cosignature, a k-of-n policy).
 *
 * <p>The seam where merkle's cosignature verification plugs in once it lands; until then only
 * {@link #none()} exists. Implementations MUST throw unless enough cosignatures by distinct trusted
 * witnesses verify over {@code checkpoint}, and MUST ignore cosignatures by unknown keys.
 */
public interface WitnessPolicy {
  /**
   * Checks the cosignatures on {@code note}, whose log signature is already verified.
   *
   * @throws VerificationException if the policy is not met, naming the witnesses that verified
   */
  void check(SignedNote note, Checkpoint checkpoint) throws VerificationException;

  /** The policy that asks for no cosignature. */
  static WitnessPolicy none() {
    return (note, checkpoint) -> {};
  }
}
