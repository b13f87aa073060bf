package dev.waxseal.merkle.note;

import java.security.GeneralSecurityException;

/**
 * A trusted public key that verifies note signatures, identified by key name and 32-bit key id.
 *
 * <p>The merkle module holds no cryptography: the server (and tests) implement this with Bouncy
 * Castle or the JDK. Implementations owe these guarantees:
 *
 * <ul>
 *   <li>{@link #keyName()} and {@link #keyId()} MUST be constant and MUST identify this key alone:
 *       {@link SignedNote#verify} hands a signature to this verifier only when both match.
 *   <li>{@link #verify} MUST return normally only if {@code signature} is a valid signature by this
 *       key over exactly {@code message}; in every other case (bad signature, wrong length, bad
 *       encoding, provider error) it MUST throw. It never reports failure any other way.
 *   <li>{@link #verify} MUST accept only the one algorithm this key is for (no fallback to another
 *       algorithm or hash), and MUST be safe to call from several threads at once.
 * </ul>
 */
public interface NoteVerifier {
  /** The key name this verifier answers to on a signature line. */
  String keyName();

  /** The 32-bit key id this verifier answers to on a signature line. */
  int keyId();

  /**
   * Verifies {@code signature} (without the key id) over {@code message} (the UTF-8 note text).
   *
   * @throws GeneralSecurityException if the signature is not valid for this key and message; a
   *     {@link NoteVerificationException} or any provider exception, such as {@link
   *     java.security.SignatureException}
   */
  void verify(byte[] message, byte[] signature) throws GeneralSecurityException;
}
