package dev.waxseal.server.signing;

/** The signature algorithms a log key may use. */
public enum SignatureAlgorithm {
  /** ECDSA on P-256 over SHA-256, ASN.1 DER signatures: Rekor's default. */
  ECDSA_P256_SHA256,
  /** Ed25519 (pure), 64-byte signatures: what C2SP checkpoints require. */
  ED25519
}
