package dev.waxseal.client.verify;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A k-of-n witness policy over C2SP tlog-cosignature v1 (Ed25519) cosignatures.
 *
 * <p>A cosignature line is {@code — <witness name> base64(keyID ‖ u64 timestamp ‖ Ed25519 sig)} and
 * signs {@code "cosignature/v1\ntime <timestamp>\n" ‖ checkpoint text}; the key id is SHA-256(name
 * ‖ 0x0A ‖ 0x04 ‖ key)[:4]. Lines by unknown keys are ignored (C2SP signed-note); a line by a
 * trusted witness that does not verify is a failure, not merely uncounted, since a witness key that
 * signs wrongly is itself news. Written here, behind {@link WitnessPolicy}, until merkle has
 * cosignature verification of its own.
 */
public final class WitnessCosignatures implements WitnessPolicy {
  private static final int SIGNATURE_SIZE = 8 + 64;

  private final int threshold;
  private final List<VerifierKey> witnesses;

  private WitnessCosignatures(int threshold, List<VerifierKey> witnesses) {
    this.threshold = threshold;
    this.witnesses = List.copyOf(witnesses);
  }

  /**
   * Requires cosignatures by at least {@code threshold} of {@code witnesses}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= threshold <= witnesses.size()} and every
   *     key is an Ed25519 cosignature vkey (type 0x04)
   */
  public static WitnessCosignatures kOfN(int threshold, List<VerifierKey> witnesses) {
    if (threshold < 1 || threshold > witnesses.size()) {
      throw new IllegalArgumentException(
          "witness threshold " + threshold + " outside 1.." + witnesses.size());
    }
    for (VerifierKey witness : witnesses) {
      if (witness.signatureType() != NoteKeys.ED25519_COSIGNATURE) {
        throw new IllegalArgumentException(
            "witness key "
                + witness.name()
                + " has type "
                + witness.signatureType()
                + ", want 4 (Ed25519 cosignature/v1)");
      }
    }
    return new WitnessCosignatures(threshold, witnesses);
  }

  /** The message a witness signs for {@code checkpointText} at {@code timestamp}. */
  public static byte[] message(String checkpointText, long timestamp) {
    return ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n" + checkpointText)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void check(SignedNote note, Checkpoint checkpoint) throws VerificationException {
    Set<String> verified = new TreeSet<>();
    for (NoteSignature signature : note.signatures()) {
      for (VerifierKey witness : witnesses) {
        if (!witness.name().equals(signature.keyName()) || witness.keyId() != signature.keyId()) {
          continue;
        }
        byte[] bytes = signature.signature();
        if (bytes.length != SIGNATURE_SIZE) {
          throw new VerificationException(
              "cosignature by "
                  + witness.name()
                  + " is "
                  + bytes.length
                  + " bytes, want "
                  + SIGNATURE_SIZE);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long timestamp = buffer.getLong();
        byte[] ed25519 = new byte[64];
        buffer.get(ed25519);
        try {
          LogKey.ed25519(witness.publicKey()).verify(message(note.text(), timestamp), ed25519);
        } catch (GeneralSecurityException e) {
          throw new VerificationException(
              "cosignature by " + witness.name() + " on size " + checkpoint.size(), e);
        }
        verified.add(witness.name());
      }
    }
    if (verified.size() < threshold) {
      List<String> missing = new ArrayList<>();
      for (VerifierKey witness : witnesses) {
        if (!verified.contains(witness.name())) {
          missing.add(witness.name());
        }
      }
      throw new VerificationException(
          "witness policy: "
              + verified.size()
              + " of "
              + threshold
              + " required cosignatures on size "
              + checkpoint.size()
              + " verified "
              + verified
              + ", missing "
              + missing);
    }
  }
}
