package dev.waxseal.server.log;

import dev.waxseal.server.signing.RekorV2Keys;
import dev.waxseal.server.storage.PostgresLogStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Creates the Rekor v2 log (its tree on first start) when {@code waxseal.rekor-v2.enabled}. It
 * shares the v1 log's store and batching settings but has its own tree, integrator thread and tile
 * cache. Its appender reports into the same appender metrics as the v1 log's; its tile cache has
 * series of its own ({@code log="rekor_v2"}), since it is a second cache of the same size.
 *
 * <p>Witnessing covers it as it covers the v1 log (issue 17): its committed checkpoints go to the
 * same {@link CheckpointListener}s, and its reader and C2SP checkpoints go through the same {@link
 * CheckpointGate}, so its {@code /checkpoint} carries the witnesses' cosignature lines and, in
 * fail-closed witnessing, shows only a witnessed checkpoint. The gate and listeners work per tree
 * id, and this log's tree has its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "waxseal.rekor-v2.enabled", havingValue = "true")
class RekorV2LogConfiguration {
  @Bean(destroyMethod = "close")
  RekorV2Log rekorV2Log(
      PostgresLogStore store,
      RekorV2Keys keys,
      AppenderProperties properties,
      MeterRegistry registry,
      ObjectProvider<CheckpointListener> listeners,
      ObjectProvider<CheckpointGate> gates,
      DatabaseAvailability database,
      Environment environment,
      ObjectProvider<Tracer> tracer)
      throws SQLException {
    AppendTracing tracing = AppendTracing.of(environment, tracer);
    LogTree tree = new LogTree(store, keys.shardKeys(), PostgresLogStore.REKOR_V2);
    TileCache tileCache = new TileCache(properties.tileCacheSize());
    new TileCacheMetrics(tileCache, PostgresLogStore.REKOR_V2).bindTo(registry);
    BatchIntegration integration =
        new BatchIntegration(store, tree, Clock.systemUTC(), tileCache, tracing.stages());
    List<CheckpointListener> heard = listeners.orderedStream().toList();
    Appender appender =
        new Appender(
            integration,
            properties,
            registry,
            heard.isEmpty()
                ? Appender.AfterCommit.NONE
                : checkpoint -> heard.forEach(l -> l.published(checkpoint)),
            database,
            tracing);
    CheckpointGate gate = gates.getIfAvailable(() -> CheckpointGate.NONE);
    return new RekorV2Log(
        tree,
        appender,
        new LogReader(store, tree, tileCache, gate),
        new C2spCheckpoints(store, tree, gate));
  }
}
