package dev.waxseal.server.log;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code db} component of the readiness probe, answered from {@link DatabaseAvailability}'s
 * last batch or probe instead of Spring Boot's default, which borrows a pooled connection and runs
 * a query on the probe's thread: with the database away that waited for the pool's connection
 * timeout, or, with the network stalled, for the socket timeout, and the kubelet's probe timed out
 * instead of seeing DOWN. The bean name replaces Boot's {@code dbHealthIndicator}, so the component
 * keeps its name and the readiness group ({@code readinessState,db}) is unchanged. Liveness does
 * not include it: a process whose database is away is not broken, and restarting it would not help.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {
  @Bean
  HealthIndicator dbHealthIndicator(DatabaseAvailability database) {
    return () -> database.available() ? Health.up().build() : Health.down().build();
  }
}
