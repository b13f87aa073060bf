package dev.waxseal.server.signing;

/**
 * The log's private key: signs checkpoints and signed entry timestamps.
 *
 * <p>Implementations MUST be thread-safe, MUST sign exactly the bytes given (hashing them as the
 * algorithm requires: SHA-256 for ECDSA P-256, none for Ed25519), and MUST return signatures in the
 * encoding Rekor clients verify (ASN.1 DER for ECDSA, 64 raw bytes for Ed25519). There are two
 * implementations: a PEM file ({@link PemLogSigner}) and Google Cloud KMS.
 */
public interface LogSigner {
  /** The signature algorithm of this key. */
  SignatureAlgorithm algorithm();

  /** The public key as DER SubjectPublicKeyInfo, the bytes the log ID is computed from. */
  byte[] publicKeyDer();

  /**
   * Signs {@code message}.
   *
   * @throws SigningException if the key or its service fails
   */
  byte[] sign(byte[] message);
}
