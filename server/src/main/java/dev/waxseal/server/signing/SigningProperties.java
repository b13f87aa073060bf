package dev.waxseal.server.signing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The log's signing key and identity.
 *
 * @param hostname the log's public host name ({@code WAXSEAL_HOSTNAME}): Rekor's checkpoint key
 *     name and the first part of its origin; no spaces and no {@code +}
 * @param keyFile a PEM private key ({@code WAXSEAL_SIGNER_KEY_FILE}); when absent and no KMS key is
 *     set, a key is generated in {@code <dataDir>/keys} at first start
 * @param kmsKey a {@code gcpkms://projects/…/cryptoKeyVersions/N} key reference ({@code
 *     WAXSEAL_SIGNER_KMS_KEY})
 * @param generatedAlgorithm the algorithm of a generated key
 * @param allowGeneratedKey whether a key may be generated; false in the production profile
 * @param dataDir the data directory, where a generated key is kept
 * @param shardKeys further keys a new shard may be given at rotation, by key id ({@code
 *     waxseal.signer.shard-keys.<id>.key-file} or {@code .kms-key}); the key above is {@code
 *     default}
 */
@Validated
@ConfigurationProperties("waxseal.signer")
public record SigningProperties(
    @NotNull @Pattern(regexp = "[^\\s+]+", message = "must have no spaces and no '+'")
        String hostname,
    @Nullable Path keyFile,
    @Nullable String kmsKey,
    @NotNull SignatureAlgorithm generatedAlgorithm,
    boolean allowGeneratedKey,
    @NotNull Path dataDir,
    @DefaultValue Map<String, ShardKey> shardKeys) {
  /**
   * One more key for shards: a PEM file or a Cloud KMS key version, exactly one of them.
   *
   * @param keyFile a PEM private key
   * @param kmsKey a {@code gcpkms://…/cryptoKeyVersions/N} reference
   */
  public record ShardKey(@Nullable Path keyFile, @Nullable String kmsKey) {}

  /** Where a generated key is written and found again on the next start. */
  public Path generatedKeyFile() {
    return dataDir.resolve("keys").resolve("log-signer.pem");
  }
}
