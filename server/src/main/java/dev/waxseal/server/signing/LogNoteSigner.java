package dev.waxseal.server.signing;

import dev.waxseal.merkle.note.NoteSigner;

/**
 * A log key as merkle's {@link NoteSigner}: the key name and key id of one note dialect (Rekor v1
 * or C2SP) around a {@link LogSigner}.
 *
 * @param keyName the name on the signature line
 * @param keyId the 4-byte key id (hint) on the signature line
 * @param key the key that signs
 */
record LogNoteSigner(String keyName, int keyId, LogSigner key) implements NoteSigner {
  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }
}
