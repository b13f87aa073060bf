package dev.waxseal.server.entries.pki;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The signing algorithms of sigstore's algorithm registry ({@code pkg/signature/
 * algorithm_registry.go}), which Rekor's {@code --client-signing-algorithms} allow-list names.
 *
 * <p>As in sigstore, an algorithm permits a key and an artifact digest algorithm when the key type
 * and size (RSA modulus bits, ECDSA curve) match and the digest algorithm equals the algorithm's
 * hash. Pure Ed25519 has no hash, so it never matches a hashedrekord entry, which always names one.
 */
public enum ClientSigningAlgorithm {
  /** {@code rsa-sign-pkcs1-2048-sha256}. */
  RSA_PKCS1V15_2048_SHA256("rsa-sign-pkcs1-2048-sha256", KeyType.RSA, 2048, DigestAlgorithm.SHA256),
  /** {@code rsa-sign-pkcs1-3072-sha256}. */
  RSA_PKCS1V15_3072_SHA256("rsa-sign-pkcs1-3072-sha256", KeyType.RSA, 3072, DigestAlgorithm.SHA256),
  /** {@code rsa-sign-pkcs1-4096-sha256}. */
  RSA_PKCS1V15_4096_SHA256("rsa-sign-pkcs1-4096-sha256", KeyType.RSA, 4096, DigestAlgorithm.SHA256),
  /** {@code rsa-sign-pss-2048-sha256} (matches RSA keys like its PKCS #1 sibling). */
  RSA_PSS_2048_SHA256("rsa-sign-pss-2048-sha256", KeyType.RSA, 2048, DigestAlgorithm.SHA256),
  /** {@code rsa-sign-pss-3072-sha256}. */
  RSA_PSS_3072_SHA256("rsa-sign-pss-3072-sha256", KeyType.RSA, 3072, DigestAlgorithm.SHA256),
  /** {@code rsa-sign-pss-4092-sha256}: sigstore's spelling of the 4096-bit flag. */
  RSA_PSS_4096_SHA256("rsa-sign-pss-4092-sha256", KeyType.RSA, 4096, DigestAlgorithm.SHA256),
  /** {@code ecdsa-sha2-256-nistp256}. */
  ECDSA_P256_SHA256("ecdsa-sha2-256-nistp256", KeyType.ECDSA_P256, 0, DigestAlgorithm.SHA256),
  /** {@code ecdsa-sha2-384-nistp384}. */
  ECDSA_P384_SHA384("ecdsa-sha2-384-nistp384", KeyType.ECDSA_P384, 0, DigestAlgorithm.SHA384),
  /** {@code ecdsa-sha2-512-nistp521}. */
  ECDSA_P521_SHA512("ecdsa-sha2-512-nistp521", KeyType.ECDSA_P521, 0, DigestAlgorithm.SHA512),
  /** {@code ed25519}: pure Ed25519, no pre-hash. */
  ED25519("ed25519", KeyType.ED25519, 0, null),
  /** {@code ed25519-ph}: Ed25519ph over a SHA-512 digest. */
  ED25519_PH("ed25519-ph", KeyType.ED25519, 0, DigestAlgorithm.SHA512);

  /**
   * Rekor v1's default allow-list: RSA PKCS #1 v1.5 2048/3072/4096 with SHA-256, ECDSA P-256 /
   * SHA-256, P-384 / SHA-384, P-521 / SHA-512, Ed25519 and Ed25519ph.
   */
  public static final Set<ClientSigningAlgorithm> REKOR_DEFAULT =
      Set.copyOf(
          EnumSet.of(
              RSA_PKCS1V15_2048_SHA256,
              RSA_PKCS1V15_3072_SHA256,
              RSA_PKCS1V15_4096_SHA256,
              ECDSA_P256_SHA256,
              ECDSA_P384_SHA384,
              ECDSA_P521_SHA512,
              ED25519,
              ED25519_PH));

  private final String flag;
  private final KeyType keyType;
  private final int rsaBits;
  private final @Nullable DigestAlgorithm hash;

  ClientSigningAlgorithm(
      String flag, KeyType keyType, int rsaBits, @Nullable DigestAlgorithm hash) {
    this.flag = flag;
    this.keyType = keyType;
    this.rsaBits = rsaBits;
    this.hash = hash;
  }

  /** Parses a flag value such as {@code "ecdsa-sha2-256-nistp256"}. */
  public static Optional<ClientSigningAlgorithm> fromFlag(String flag) {
    return Arrays.stream(values()).filter(a -> a.flag.equals(flag)).findFirst();
  }

  /** The flag value, as in {@code --client-signing-algorithms}. */
  public String flag() {
    return flag;
  }

  /** True if this algorithm allows {@code key} signing a digest made with {@code digest}. */
  boolean permits(KeyType type, int keyRsaBits, DigestAlgorithm digest) {
    return keyType == type && (type != KeyType.RSA || rsaBits == keyRsaBits) && hash == digest;
  }
}
