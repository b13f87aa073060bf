package dev.waxseal.server.testing;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteVerifier;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

/**
 * Verifies the server's Rekor-dialect checkpoints and SETs with the JDK's own ECDSA, an
 * implementation independent of the server's Bouncy Castle signer.
 */
public final class CheckpointVerifier {
  private final PublicKey key;
  private final NoteVerifier noteVerifier;

  /** Creates a verifier for the ECDSA P-256 key {@code spkiDer} under {@code hostname}. */
  public CheckpointVerifier(String hostname, byte[] spkiDer) throws Exception {
    this.key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
    int keyId = NoteKeys.spkiKeyId(spkiDer);
    this.noteVerifier =
        new NoteVerifier() {
          @Override
          public String keyName() {
            return hostname;
          }

          @Override
          public int keyId() {
            return keyId;
          }

          @Override
          public void verify(byte[] message, byte[] signature)
              throws java.security.GeneralSecurityException {
            if (!verifies(message, signature)) {
              throw new java.security.SignatureException("ECDSA signature does not verify");
            }
          }
        };
  }

  /** Opens a signed checkpoint note, verifying its signature; throws if it does not verify. */
  public Checkpoint open(String note) throws Exception {
    return Checkpoint.open(note, List.of(noteVerifier));
  }

  /** Whether {@code signature} (ASN.1 DER ECDSA) is valid over {@code message}. */
  public boolean verifies(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
