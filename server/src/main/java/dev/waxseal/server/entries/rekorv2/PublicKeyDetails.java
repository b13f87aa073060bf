package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.pki.DigestAlgorithm;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The values of sigstore's {@code dev.sigstore.common.v1.PublicKeyDetails} enum (protobuf-specs
 * v0.5), which a v2 verifier names in {@code keyDetails}, with what sigstore's algorithm registry
 * ({@code signature.GetAlgorithmDetails}) knows of each.
 *
 * <p>protojson accepts every name and number of the enum; only the values the registry knows have a
 * {@link #hash()} and can pass verification. The hash is what rekor-tiles checks the key against
 * its allow-list with, and what it records as {@code data.algorithm}: the key type and size come
 * from the key itself, so for example an RSA-2048 key with {@code PKIX_RSA_PKCS1V15_4096_SHA256} is
 * accepted (the registry finds RSA-2048/SHA-256 allowed) and stored with the details as sent.
 */
enum PublicKeyDetails {
  PUBLIC_KEY_DETAILS_UNSPECIFIED(0, Registry.UNKNOWN),
  PKCS1_RSA_PKCS1V5(1, Registry.UNKNOWN),
  PKCS1_RSA_PSS(2, Registry.UNKNOWN),
  PKIX_RSA_PKCS1V5(3, Registry.UNKNOWN),
  PKIX_RSA_PSS(4, Registry.UNKNOWN),
  PKIX_RSA_PKCS1V15_2048_SHA256(9, Registry.SHA256),
  PKIX_RSA_PKCS1V15_3072_SHA256(10, Registry.SHA256),
  PKIX_RSA_PKCS1V15_4096_SHA256(11, Registry.SHA256),
  PKIX_RSA_PSS_2048_SHA256(16, Registry.SHA256),
  PKIX_RSA_PSS_3072_SHA256(17, Registry.SHA256),
  PKIX_RSA_PSS_4096_SHA256(18, Registry.SHA256),
  PKIX_ECDSA_P256_HMAC_SHA_256(6, Registry.UNKNOWN),
  PKIX_ECDSA_P256_SHA_256(5, Registry.SHA256),
  PKIX_ECDSA_P384_SHA_384(12, Registry.SHA384),
  PKIX_ECDSA_P521_SHA_512(13, Registry.SHA512),
  PKIX_ED25519(7, Registry.PURE),
  PKIX_ED25519_PH(8, Registry.SHA512),
  PKIX_ECDSA_P384_SHA_256(19, Registry.SHA256),
  PKIX_ECDSA_P521_SHA_256(20, Registry.SHA256),
  LMS_SHA256(14, Registry.UNKNOWN),
  LMOTS_SHA256(15, Registry.UNKNOWN),
  ML_DSA_65(21, Registry.UNKNOWN),
  ML_DSA_87(22, Registry.UNKNOWN),
  ML_DSA_44(23, Registry.UNKNOWN);

  /** What sigstore's registry says about a value. */
  enum Registry {
    /** Not in the registry: {@code GetAlgorithmDetails} fails. */
    UNKNOWN,
    /** Pure Ed25519: in the registry, without a hash ({@code crypto.Hash(0)}). */
    PURE,
    SHA256,
    SHA384,
    SHA512
  }

  private final int number;
  private final Registry registry;

  PublicKeyDetails(int number, Registry registry) {
    this.number = number;
    this.registry = registry;
  }

  /** The enum number on the wire. */
  int number() {
    return number;
  }

  /** The value of an enum name, as protojson reads a JSON string. */
  static Optional<PublicKeyDetails> byName(String name) {
    for (PublicKeyDetails d : values()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The value of an enum number, or empty for a number the enum does not define. */
  static Optional<PublicKeyDetails> byNumber(int number) {
    for (PublicKeyDetails d : values()) {
      if (d.number == number) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** True if sigstore's registry knows this value ({@code GetAlgorithmDetails} succeeds). */
  boolean known() {
    return registry != Registry.UNKNOWN;
  }

  /** The hash the registry gives this value, or null if it has none (unknown or pure Ed25519). */
  @Nullable DigestAlgorithm hash() {
    return switch (registry) {
      case SHA256 -> DigestAlgorithm.SHA256;
      case SHA384 -> DigestAlgorithm.SHA384;
      case SHA512 -> DigestAlgorithm.SHA512;
      case UNKNOWN, PURE -> null;
    };
  }

  /**
   * The {@code HashAlgorithm} enum name stored as {@code data.algorithm}, e.g. {@code SHA2_256}.
   */
  static String protoHashName(DigestAlgorithm hash) {
    return switch (hash) {
      case SHA256 -> "SHA2_256";
      case SHA384 -> "SHA2_384";
      case SHA512 -> "SHA2_512";
    };
  }
}
