package dev.waxseal.merkle.note;

import java.security.GeneralSecurityException;

/**
 * A key that signs note text, identified by its key name and 32-bit key id (C2SP signed-note).
 *
 * <p>The merkle module holds no cryptography: the server implements this with Bouncy Castle or a
 * KMS. Implementations owe these guarantees:
 *
 * <ul>
 *   <li>{@link #keyName()} and {@link #keyId()} MUST be constant for the life of the object. The
 *       name MUST be a valid key name ({@link NoteKeys#requireValidKeyName}).
 *   <li>{@link #sign} MUST sign exactly the bytes given (the UTF-8 note text, final newline
 *       included, blank separator line excluded) with the algorithm the key id stands for: Ed25519
 *       over the message itself (RFC 8032, 64 bytes); ECDSA over SHA-256(message), ASN.1 DER
 *       encoded (Rekor v1, and C2SP signature type 0x02).
 *   <li>{@link #sign} MUST return a fresh, non-empty array that carries only the signature, without
 *       the 4-byte key id (the note adds it), and MUST throw rather than return a partial result.
 *   <li>{@link #sign} MUST be safe to call from several threads at once.
 * </ul>
 */
public interface NoteSigner {
  /** The key name written on the signature line; Rekor v1: the host, C2SP: the log origin. */
  String keyName();

  /**
   * The 32-bit key id, big-endian on the wire: Rekor v1 {@link NoteKeys#spkiKeyId}, C2SP Ed25519
   * {@link NoteKeys#ed25519KeyId}.
   */
  int keyId();

  /**
   * Signs {@code message} and returns the raw signature, without the key id.
   *
   * @throws GeneralSecurityException if the key or the signing service fails
   */
  byte[] sign(byte[] message) throws GeneralSecurityException;
}
