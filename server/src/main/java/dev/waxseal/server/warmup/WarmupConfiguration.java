package dev.waxseal.server.warmup;

import dev.waxseal.server.entries.EntryKinds;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the {@link Warmup} once every bean exists and before the web server starts (both within the
 * context's refresh), so the readiness probe, which turns UP only after the refresh, waits for it;
 * and so that a class-data or AOT cache training run that stops at the refresh ({@code
 * -Dspring.context.exit=onRefresh}) records it too. {@code WAXSEAL_WARMUP_ITERATIONS=0} turns it
 * off; a migration job never runs it.
 */
@Configuration(proxyBeanMethods = false)
class WarmupConfiguration {
  @Bean
  SmartInitializingSingleton warmup(
      EntryKinds kinds,
      @Value("${waxseal.warmup.iterations:0}") int iterations,
      @Value("${waxseal.migrate-only:false}") boolean migrateOnly) {
    return () -> {
      if (iterations > 0 && !migrateOnly) {
        new Warmup(kinds, iterations).run();
      }
    };
  }
}
