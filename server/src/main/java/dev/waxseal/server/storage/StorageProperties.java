package dev.waxseal.server.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the server keeps its local state.
 *
 * @param dataDir the data directory ({@code WAXSEAL_DATA_DIR}, default {@code ./data}): the
 *     embedded PostgreSQL cluster lives in {@code <dataDir>/postgres}, a generated log key in
 *     {@code <dataDir>/keys}
 */
@Validated
@ConfigurationProperties("waxseal")
public record StorageProperties(@NotNull Path dataDir) {
  /** The embedded PostgreSQL cluster's directory. */
  public Path embeddedPostgresDir() {
    return dataDir.resolve("postgres").toAbsolutePath().normalize();
  }
}
