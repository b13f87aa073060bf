package dev.waxseal.server.warmup;

import dev.waxseal.server.entries.EntryKinds;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the warm-up ({@link WarmupRunner}) as an application runner: after the web server started
 * (so its loopback requests reach it) and liveness is UP, before the readiness state turns to
 * accepting traffic, which Spring Boot publishes only once every runner has returned. So the
 * readiness probe waits for it and no client is routed to a cold replica.
 *
 * <p>{@code WAXSEAL_WARMUP_SECONDS} caps it (0 = off; the default profile's quick start and the
 * tests do not warm up, and neither does production by default: docs/operations.md "Fast start",
 * third round), {@code WAXSEAL_WARMUP_THREADS} sets its threads (0 = one per processor). A
 * migration job never runs it.
 */
@Configuration(proxyBeanMethods = false)
class WarmupConfiguration {
  @Bean
  ApplicationRunner warmup(
      EntryKinds kinds,
      ApplicationContext context,
      @Value("${waxseal.warmup.seconds:0}") int seconds,
      @Value("${waxseal.warmup.threads:0}") int threads,
      @Value("${waxseal.migrate-only:false}") boolean migrateOnly) {
    return arguments -> {
      if (seconds > 0 && !migrateOnly) {
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        WarmupRunner runner = new WarmupRunner(kinds, Duration.ofSeconds(seconds), workers);
        WebServer server =
            context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
        runner.run(server == null ? null : server::getPort);
      }
    };
  }
}
