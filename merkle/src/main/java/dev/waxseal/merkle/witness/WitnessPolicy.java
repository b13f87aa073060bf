package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.SignedNote;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A witness policy in Sigsum's policy file format: the trusted logs, the witnesses, and a quorum of
 * nested k-of-n groups that a checkpoint's cosignatures must satisfy.
 *
 * <pre>
 * witness mullvad  67f7…a0-hex-key https://witness.stagemole.eu
 * witness geomys   a3e0…-hex-key
 * witness trust    2e1a…-hex-key
 * group   public   2 mullvad geomys trust      2 of 3
 * quorum  public
 * </pre>
 *
 * <p>Grammar and rules are those of sigsum-go v0.14.1 {@code pkg/policy} (see {@link #parse});
 * {@link #requireQuorum} is its {@code VerifyCosignedTreeHead} for C2SP checkpoints. Immutable.
 */
public final class WitnessPolicy {
  private final List<PolicyEntity> logs;
  private final List<PolicyEntity> witnesses;
  private final QuorumNode quorum;

  WitnessPolicy(List<PolicyEntity> logs, List<PolicyEntity> witnesses, QuorumNode quorum) {
    this.logs = List.copyOf(logs);
    this.witnesses = List.copyOf(witnesses);
    this.quorum = quorum;
  }

  /**
   * Parses a policy file strictly.
   *
   * <p>Rules: keywords {@code log}, {@code witness}, {@code group}, {@code quorum}; fields split on
   * spaces and tabs; blank lines and lines whose first field starts with {@code #} are skipped;
   * control characters other than tab are rejected; keys are 64 hex digits; log keys, witness keys
   * and names (witnesses, groups, and the predefined {@code none}) are unique; a group's threshold
   * is {@code any} (1), {@code all} (n) or a decimal in {@code 1..n}; a group's members are defined
   * on earlier lines and each belongs to one group only; {@code none} is no member; exactly one
   * {@code quorum} line naming a defined witness or group, or {@code none} (no cosignature needed).
   *
   * @throws PolicyFormatException naming the line and the rule
   */
  public static WitnessPolicy parse(String policyFile) {
    return PolicyParser.parse(policyFile);
  }

  /** The logs named on {@code log} lines, in file order. */
  public List<PolicyEntity> logs() {
    return logs;
  }

  /** The witnesses named on {@code witness} lines, in file order. */
  public List<PolicyEntity> witnesses() {
    return witnesses;
  }

  /** The name of the quorum: a group, a witness, or {@code none}. */
  public String quorumName() {
    return quorum.name();
  }

  /**
   * Checks that the cosignatures on a checkpoint satisfy the quorum, and returns the names of the
   * policy witnesses whose cosignatures verified.
   *
   * <p>Call it after the log's own signature has verified ({@link
   * dev.waxseal.merkle.note.Checkpoint#open}): it checks witnesses only. A signature line is a
   * policy witness's if its key id equals {@code SHA-256(line name ‖ 0x0A ‖ 0x04 ‖ witness
   * key)[:4]}: the policy names keys, the line names the key name. As C2SP signed-note requires, a
   * line from a known witness key that does not verify rejects the whole checkpoint; other lines
   * are ignored. A witness counts once, however many lines it has.
   *
   * @throws NoteVerificationException if a known witness's cosignature is invalid, or the verified
   *     witnesses do not satisfy the quorum; the message names the groups and the witnesses
   */
  public Set<String> requireQuorum(SignedNote checkpoint) throws NoteVerificationException {
    Set<String> verified = new LinkedHashSet<>();
    for (NoteSignature line : checkpoint.signatures()) {
      for (PolicyEntity witness : witnesses) {
        if (isBy(line, witness)) {
          if (line.signature().length != Cosignature.SIGNATURE_SIZE) {
            throw new NoteVerificationException(
                "witness \""
                    + witness.name()
                    + "\" line "
                    + line
                    + " is "
                    + line.signature().length
                    + " bytes, want a "
                    + Cosignature.SIGNATURE_SIZE
                    + "-byte cosignature/v1");
          }
          CosignatureVerifier verifier = witness.verifier(line.keyName());
          try {
            verifier.verify(checkpoint.text(), Cosignature.fromNoteSignature(line));
          } catch (IllegalArgumentException e) {
            throw new NoteVerificationException(
                "witness \"" + witness.name() + "\": " + e.getMessage());
          }
          verified.add(witness.name());
        }
      }
    }
    if (!quorum.satisfiedBy(verified)) {
      throw new NoteVerificationException(
          "witness quorum \""
              + quorum.name()
              + "\" not met: "
              + describe(quorum, verified)
              + "; verified cosignatures from "
              + (verified.isEmpty() ? "no policy witness" : verified));
    }
    return Set.copyOf(verified);
  }

  private static boolean isBy(NoteSignature line, PolicyEntity witness) {
    // the line's name was validated when the note was parsed
    return line.keyId()
        == NoteKeys.keyId(line.keyName(), NoteKeys.ED25519_COSIGNATURE, witness.publicKey());
  }

  private static String describe(QuorumNode node, Set<String> verified) {
    if (node instanceof QuorumNode.Group group) {
      List<String> parts = new ArrayList<>();
      for (QuorumNode member : group.members()) {
        parts.add(describe(member, verified));
      }
      long met = group.members().stream().filter(m -> m.satisfiedBy(verified)).count();
      return group.name()
          + " needs "
          + group.k()
          + " of "
          + group.members().size()
          + " (has "
          + met
          + (parts.isEmpty() ? "" : ": " + String.join(", ", parts))
          + ")";
    }
    return node.name() + (node.satisfiedBy(verified) ? " ok" : " missing");
  }
}
