package dev.waxseal.server.signing;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.SignedNote;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Signs checkpoints in Rekor v1's dialect: origin {@code "<hostname> - <treeID>"}, key name {@code
 * <hostname>}, key hint = SHA-256(DER SPKI)[:4] (wire-formats.md b.5).
 */
public final class CheckpointSigner {
  private final String hostname;
  private final NoteSigner noteSigner;

  /** Creates a signer for the log key {@code signer} under the key name {@code hostname}. */
  public CheckpointSigner(String hostname, LogSigner signer) {
    NoteKeys.requireValidKeyName(hostname);
    this.hostname = hostname;
    int keyId = NoteKeys.spkiKeyId(signer.publicKeyDer());
    String keyName = NoteKeys.rekorKeyName(hostname);
    this.noteSigner = new LogNoteSigner(keyName, keyId, signer);
  }

  /**
   * Returns the signed note for the tree {@code treeId} at {@code size} with {@code rootHash}.
   *
   * @throws SigningException if the key fails
   */
  public String sign(long treeId, long size, Hash rootHash) {
    Checkpoint checkpoint =
        new Checkpoint(NoteKeys.rekorOrigin(hostname, treeId), size, rootHash, List.of());
    try {
      SignedNote note = checkpoint.sign(List.of(noteSigner));
      return note.format();
    } catch (GeneralSecurityException e) {
      throw new SigningException("cannot sign the checkpoint for size " + size, e);
    }
  }
}
