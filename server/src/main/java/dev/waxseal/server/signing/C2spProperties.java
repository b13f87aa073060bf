package dev.waxseal.server.signing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The C2SP checkpoint key and identity of the tile API ({@code waxseal.tiles.*}; the path prefix is
 * bound separately, by the tile API itself).
 *
 * @param origin the checkpoint origin and key name ({@code WAXSEAL_TILES_ORIGIN}, default {@code
 *     waxseal.hostname}): a schema-less URL such as {@code log.example.com/waxseal}, no spaces and
 *     no {@code +}
 * @param keyFile an Ed25519 PEM private key ({@code WAXSEAL_TILES_KEY_FILE}); when absent, a key is
 *     generated in {@code <dataDir>/keys/tiles-ed25519.pem} at first start
 * @param cosignWithLogKey whether checkpoints also carry an ECDSA signature (C2SP type 0x02) by the
 *     log's ECDSA key ({@code WAXSEAL_TILES_COSIGN_WITH_LOG_KEY})
 * @param allowGeneratedKey whether a key may be generated; follows {@code
 *     waxseal.signer.allow-generated-key}, so false in the production profile
 * @param dataDir the data directory, where a generated key is kept
 */
@Validated
@ConfigurationProperties("waxseal.tiles")
public record C2spProperties(
    @NotNull @Pattern(regexp = "[^\\s+]+", message = "must have no spaces and no '+'")
        String origin,
    @Nullable Path keyFile,
    boolean cosignWithLogKey,
    boolean allowGeneratedKey,
    @NotNull Path dataDir) {
  /** Where a generated key is written and found again on the next start. */
  public Path generatedKeyFile() {
    return dataDir.resolve("keys").resolve("tiles-ed25519.pem");
  }
}
