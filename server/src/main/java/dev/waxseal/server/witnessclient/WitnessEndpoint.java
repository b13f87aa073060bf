package dev.waxseal.server.witnessclient;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.witness.PolicyEntity;
import java.net.URI;

/**
 * A policy witness the log sends checkpoints to: its policy entry and its add-checkpoint URL.
 *
 * @param witness the policy's {@code witness} line
 * @param addCheckpoint the witness URL with {@code /add-checkpoint} appended (C2SP tlog-witness)
 */
record WitnessEndpoint(PolicyEntity witness, URI addCheckpoint) {
  /**
   * The endpoint of a policy witness.
   *
   * @throws IllegalArgumentException if the witness has no URL in the policy
   */
  static WitnessEndpoint of(PolicyEntity witness) {
    String url =
        witness
            .url()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "witness \""
                            + witness.name()
                            + "\" in WAXSEAL_WITNESS_POLICY has no URL; the log sends checkpoints"
                            + " to it, so give its URL as the last field of its witness line"));
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return new WitnessEndpoint(witness, URI.create(base + "/add-checkpoint"));
  }

  /** The witness's name in the policy (metrics and logs). */
  String name() {
    return witness.name();
  }

  /** The witness's key in hex: how the tables name it. */
  String keyHex() {
    return witness.publicKeyHex();
  }

  /** Whether {@code line} claims to be by this witness's key (the line names the key name). */
  boolean signed(NoteSignature line) {
    return line.keyId()
        == NoteKeys.keyId(line.keyName(), NoteKeys.ED25519_COSIGNATURE, witness.publicKey());
  }
}
