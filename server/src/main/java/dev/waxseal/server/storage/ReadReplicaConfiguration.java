package dev.waxseal.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the read replica's pool when {@code waxseal.read-datasource.url} is set. The pool is not a
 * {@link DataSource} bean, so that Spring Boot's primary datasource, Flyway and the appender can
 * never pick it up; its Hikari series carry {@code pool="waxseal-read"}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${waxseal.read-datasource.url:}'.isBlank()")
class ReadReplicaConfiguration {
  static final String POOL = "waxseal-read";

  /** The replica pool and its router; closing it closes the pool. */
  record ReplicaPool(HikariDataSource pool, ReadReplica replica) implements AutoCloseable {
    @Override
    public void close() {
      replica.close();
      pool.close();
    }
  }

  @Bean(destroyMethod = "close")
  ReplicaPool readReplicaPool(
      ReadDatasourceProperties properties, DataSource primary, MeterRegistry registry) {
    HikariDataSource pool = new HikariDataSource(hikari(properties, registry));
    return new ReplicaPool(pool, new ReadReplica(pool, primary, registry, properties.probeEvery()));
  }

  @Bean
  ReadReplica readReplica(ReplicaPool pool) {
    return pool.replica();
  }

  static HikariConfig hikari(ReadDatasourceProperties properties, MeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(POOL);
    config.setJdbcUrl(properties.url());
    if (!properties.username().isEmpty()) {
      config.setUsername(properties.username());
    }
    if (!properties.password().isEmpty()) {
      config.setPassword(properties.password());
    }
    config.setMaximumPoolSize(properties.maximumPoolSize());
    config.setReadOnly(true);
    long connectMillis = Math.max(250, properties.connectTimeout().toMillis());
    config.setConnectionTimeout(connectMillis);
    config.setValidationTimeout(connectMillis);
    // Start even while the replica is down: reads go to the primary until the probe reaches it.
    config.setInitializationFailTimeout(-1);
    long connectSeconds = Math.max(1, (connectMillis + 999) / 1000);
    long queryMillis = Math.max(1, properties.queryTimeout().toMillis());
    config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
    // The server cancels a slow statement; the socket timeout catches a replica that went silent.
    config.addDataSourceProperty("options", "-c statement_timeout=" + queryMillis);
    config.addDataSourceProperty(
        "socketTimeout", Long.toString(Math.max(1, (queryMillis + 999) / 1000 + 1)));
    config.addDataSourceProperty("ApplicationName", POOL);
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    return config;
  }
}
