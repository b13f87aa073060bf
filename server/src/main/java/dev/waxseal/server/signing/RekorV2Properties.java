package dev.waxseal.server.signing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Rekor v2 log hosted beside the v1 shards ({@code waxseal.rekor-v2.*}).
 *
 * @param enabled whether the service hosts the v2 log ({@code WAXSEAL_V2_ENABLED})
 * @param hostname the log's host name: its checkpoint origin and key name, and the Host header its
 *     tile reads are routed by ({@code WAXSEAL_V2_HOSTNAME}). sigstore-go checks the origin against
 *     the host of the log's base URL, so clients must reach the log under exactly this name.
 * @param keyFile the log's Ed25519 PEM private key ({@code WAXSEAL_V2_KEY_FILE}); when absent, a
 *     key is generated in {@code <dataDir>/keys/rekor-v2-ed25519.pem} at first start
 * @param tilesPrefix a path prefix under which the log's tile API is also served on any host
 *     ({@code WAXSEAL_V2_TILES_PREFIX})
 * @param baseUrl the log's public base URL, as named in the trust material ({@code
 *     WAXSEAL_V2_BASE_URL}); its host must be {@code hostname}
 * @param allowGeneratedKey whether a key may be generated; false in the production profile
 * @param dataDir the data directory, where a generated key is kept
 */
@Validated
@ConfigurationProperties("waxseal.rekor-v2")
public record RekorV2Properties(
    boolean enabled,
    @NotNull @Pattern(regexp = "[^\\s+/]+", message = "must be a host name") String hostname,
    @Nullable Path keyFile,
    @NotNull @Pattern(regexp = "(/[A-Za-z0-9._-]+)+", message = "must be a path such as /rekor-v2")
        String tilesPrefix,
    @NotNull String baseUrl,
    boolean allowGeneratedKey,
    @NotNull Path dataDir) {
  /** Where a generated key is written and found again on the next start. */
  public Path generatedKeyFile() {
    return dataDir.resolve("keys").resolve("rekor-v2-ed25519.pem");
  }
}
