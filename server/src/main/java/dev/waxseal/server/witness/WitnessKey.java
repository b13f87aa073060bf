package dev.waxseal.server.witness;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.server.signing.LogSigner;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.PemLogSigner;
import dev.waxseal.server.signing.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * The witness's Ed25519 key as a cosignature signer: key name = the witness name, key id = {@code
 * SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4]} (C2SP tlog-cosignature), and its vkey.
 *
 * @param keyName the witness name on cosignature lines
 * @param keyId the cosignature key id
 * @param key the Ed25519 key that signs
 * @param vkey the witness's verifier key, signature type 0x04
 */
record WitnessKey(String keyName, int keyId, LogSigner key, VerifierKey vkey)
    implements NoteSigner {
  /**
   * Loads the PEM key file.
   *
   * @throws IllegalArgumentException if the file cannot be read, is not Ed25519, or the name is not
   *     a valid key name
   */
  static WitnessKey load(String name, Path pemFile) {
    LogSigner signer = PemLogSigner.of(PemKeyFiles.load(pemFile));
    if (signer.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException(
          "the witness key " + pemFile + " is " + signer.algorithm() + "; a witness needs Ed25519");
    }
    return of(name, signer);
  }

  /** Wraps an Ed25519 signer. */
  static WitnessKey of(String name, LogSigner signer) {
    byte[] spki = signer.publicKeyDer();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - NoteKeys.ED25519_KEY_SIZE, spki.length);
    int keyId = NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, raw);
    byte[] blob = new byte[1 + raw.length];
    blob[0] = NoteKeys.ED25519_COSIGNATURE;
    System.arraycopy(raw, 0, blob, 1, raw.length);
    VerifierKey vkey =
        VerifierKey.parse(
            name + "+" + NoteKeys.keyIdHex(keyId) + "+" + Base64.getEncoder().encodeToString(blob));
    return new WitnessKey(name, keyId, signer, vkey);
  }

  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }
}
