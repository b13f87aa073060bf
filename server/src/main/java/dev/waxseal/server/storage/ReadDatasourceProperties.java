package dev.waxseal.server.storage;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * An optional PostgreSQL streaming replica for entry, proof and search reads ({@code
 * WAXSEAL_READ_DATASOURCE_*}); without a URL every read goes to the primary. docs/read-replicas.md
 * says which reads go where and how lag is handled.
 *
 * @param url the replica's JDBC URL ({@code WAXSEAL_READ_DATASOURCE_URL}); empty: no replica
 * @param username its user ({@code WAXSEAL_READ_DATASOURCE_USERNAME}); only SELECT is needed
 * @param password its password ({@code WAXSEAL_READ_DATASOURCE_PASSWORD})
 * @param connectTimeout how long a read waits for a replica connection before it goes to the
 *     primary (at least 250 ms, Hikari's minimum): short, so that a dead replica does not stall
 *     requests
 * @param queryTimeout the replica's statement timeout; a statement that takes longer is retried on
 *     the primary
 * @param maximumPoolSize the replica pool's size
 * @param probeEvery how often the replica's lag is measured; a replica that failed is tried again
 *     by this probe, never by a request
 */
@Validated
@ConfigurationProperties("waxseal.read-datasource")
public record ReadDatasourceProperties(
    @DefaultValue("") String url,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @NotNull @DefaultValue("500ms") Duration connectTimeout,
    @NotNull @DefaultValue("2s") Duration queryTimeout,
    @Min(1) @DefaultValue("16") int maximumPoolSize,
    @NotNull @DefaultValue("1s") Duration probeEvery) {

  /** Whether a replica is configured. */
  public boolean configured() {
    return !url.isBlank();
  }

  @Override
  public String toString() {
    return "ReadDatasourceProperties[url=" + url + ", username=" + username + "]";
  }
}
