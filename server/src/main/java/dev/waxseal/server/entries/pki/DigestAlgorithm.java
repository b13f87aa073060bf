package dev.waxseal.server.entries.pki;

import java.util.HexFormat;
import java.util.Optional;

/** The artifact digest algorithms Rekor accepts, with what verification needs to know of each. */
public enum DigestAlgorithm {
  /** SHA-256, 32 bytes. */
  SHA256("sha256", "SHA-256", 32, "3031300d060960864801650304020105000420"),
  /** SHA-384, 48 bytes. */
  SHA384("sha384", "SHA-384", 48, "3041300d060960864801650304020205000430"),
  /** SHA-512, 64 bytes. */
  SHA512("sha512", "SHA-512", 64, "3051300d060960864801650304020305000440");

  private final String jsonName;
  private final String displayName;
  private final int size;
  private final String digestInfoPrefixHex;

  DigestAlgorithm(String jsonName, String displayName, int size, String digestInfoPrefixHex) {
    this.jsonName = jsonName;
    this.displayName = displayName;
    this.size = size;
    this.digestInfoPrefixHex = digestInfoPrefixHex;
  }

  /** Looks up the algorithm by its name in entries ({@code "sha256"}); case-sensitive as Rekor. */
  public static Optional<DigestAlgorithm> fromJsonName(String name) {
    for (DigestAlgorithm a : values()) {
      if (a.jsonName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The name used in entries and search keys, e.g. {@code "sha256"}. */
  public String jsonName() {
    return jsonName;
  }

  /** The name Go's {@code crypto.Hash.String()} gives, e.g. {@code "SHA-256"}, for messages. */
  public String displayName() {
    return displayName;
  }

  /** The digest length in bytes. */
  public int size() {
    return size;
  }

  /** The DER {@code DigestInfo} prefix of PKCS #1 v1.5 signatures (RFC 8017 §9.2, note 1). */
  byte[] digestInfoPrefix() {
    return HexFormat.of().parseHex(digestInfoPrefixHex);
  }
}
