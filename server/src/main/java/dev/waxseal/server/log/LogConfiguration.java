package dev.waxseal.server.log;

import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.ReadReplica;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the log's plain classes: store, trees, tile cache, appender and reader. */
@Configuration(proxyBeanMethods = false)
class LogConfiguration {
  @Bean
  @DependsOnDatabaseInitialization // Flyway migrates before the log reads its tables
  PostgresLogStore postgresLogStore(DataSource dataSource, ObjectProvider<ReadReplica> replica) {
    // The primary is the appender's and the head's; a read replica, if configured, takes the
    // entry, tile and search reads it has replayed (docs/read-replicas.md).
    ReadReplica reads = replica.getIfAvailable();
    return reads == null
        ? new PostgresLogStore(dataSource)
        : new PostgresLogStore(dataSource, reads);
  }

  @Bean
  LogTree logTree(PostgresLogStore store, ShardKeys keys) throws SQLException {
    return new LogTree(store, keys);
  }

  @Bean
  ShardRotation shardRotation(PostgresLogStore store, LogTree tree) {
    return new ShardRotation(store, tree);
  }

  @Bean
  TileCache tileCache(AppenderProperties properties, MeterRegistry registry) {
    // The shards' cache; the Rekor v2 log has its own (RekorV2LogConfiguration), labelled apart.
    TileCache cache = new TileCache(properties.tileCacheSize());
    new TileCacheMetrics(cache, PostgresLogStore.REKOR_V1).bindTo(registry);
    return cache;
  }

  @Bean(destroyMethod = "close")
  Appender appender(
      PostgresLogStore store,
      LogTree tree,
      AppenderProperties properties,
      ShardProperties shards,
      ShardRotation rotation,
      MeterRegistry registry,
      TileCache tileCache,
      ObjectProvider<CheckpointListener> listeners,
      DatabaseAvailability database,
      Environment environment,
      ObjectProvider<Tracer> tracer) {
    AppendTracing tracing = AppendTracing.of(environment, tracer);
    BatchIntegration integration =
        new BatchIntegration(store, tree, Clock.systemUTC(), tileCache, tracing.stages());
    Appender.AfterCommit rotate =
        shards.maxSize() > 0
            ? new AutoRotation(rotation, shards.maxSize())
            : Appender.AfterCommit.NONE;
    List<CheckpointListener> heard = listeners.orderedStream().toList();
    Appender.AfterCommit afterCommit =
        heard.isEmpty()
            ? rotate
            : checkpoint -> {
              heard.forEach(l -> l.published(checkpoint));
              rotate.published(checkpoint);
            };
    return new Appender(integration, properties, registry, afterCommit, database, tracing);
  }

  @Bean(destroyMethod = "close")
  DatabaseAvailability databaseAvailability(PostgresLogStore store) {
    return DatabaseAvailability.probing(store.dataSource());
  }

  @Bean(destroyMethod = "close")
  ShardMetrics shardMetrics(
      PostgresLogStore store, LogTree tree, Appender appender, MeterRegistry registry) {
    // This appender's queue is the active v1 shard's; the Rekor v2 log's tree is another tree.
    return new ShardMetrics(
        store,
        registry,
        Clock.systemUTC(),
        treeId -> treeId == tree.activeTreeId() ? appender.pending() : 0,
        ShardMetrics.REFRESH);
  }

  @Bean
  LogReader logReader(
      PostgresLogStore store,
      LogTree tree,
      TileCache tileCache,
      ObjectProvider<CheckpointGate> gate) {
    return new LogReader(store, tree, tileCache, gate.getIfAvailable(() -> CheckpointGate.NONE));
  }

  @Bean
  C2spCheckpoints c2spCheckpoints(
      PostgresLogStore store, LogTree tree, ObjectProvider<CheckpointGate> gate) {
    return new C2spCheckpoints(store, tree, gate.getIfAvailable(() -> CheckpointGate.NONE));
  }
}
