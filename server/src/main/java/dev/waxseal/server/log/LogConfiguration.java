package dev.waxseal.server.log;

import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import dev.waxseal.server.storage.PostgresLogStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the log's plain classes: store, trees, tile cache, appender and reader. */
@Configuration(proxyBeanMethods = false)
class LogConfiguration {
  @Bean
  @DependsOnDatabaseInitialization // Flyway migrates before the log reads its tables
  PostgresLogStore postgresLogStore(DataSource dataSource) {
    return new PostgresLogStore(dataSource);
  }

  @Bean
  LogTree logTree(
      PostgresLogStore store,
      LogIdentity identity,
      CheckpointSigner checkpoints,
      C2spCheckpointSigner c2spCheckpoints)
      throws SQLException {
    return new LogTree(store, identity, checkpoints, c2spCheckpoints);
  }

  @Bean
  TileCache tileCache(AppenderProperties properties) {
    return new TileCache(properties.tileCacheSize());
  }

  @Bean(destroyMethod = "close")
  Appender appender(
      PostgresLogStore store,
      LogTree tree,
      CheckpointSigner checkpoints,
      SignedEntryTimestamps timestamps,
      AppenderProperties properties,
      MeterRegistry registry,
      TileCache tileCache,
      C2spCheckpointSigner c2spCheckpoints) {
    BatchIntegration integration =
        new BatchIntegration(
            store,
            tree,
            checkpoints,
            c2spCheckpoints,
            timestamps,
            Clock.systemUTC(),
            tileCache,
            BatchStage.Listener.NONE);
    return new Appender(integration, properties, registry);
  }

  @Bean
  LogReader logReader(PostgresLogStore store, LogTree tree, TileCache tileCache) {
    return new LogReader(store, tree, tileCache);
  }

  @Bean
  C2spCheckpoints c2spCheckpoints(
      PostgresLogStore store, LogTree tree, C2spCheckpointSigner c2spCheckpoints) {
    return new C2spCheckpoints(store, tree, c2spCheckpoints);
  }
}
