package dev.waxseal.server.storage;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema and exits with status 0 when {@code WAXSEAL_MIGRATE_ONLY=true}.
 *
 * <p>This is the Helm migration Job: one process migrates the schema before the replicas, which
 * then start with Flyway off. In this mode the context is lazy ({@code
 * spring.main.lazy-initialization}), so the log key is never loaded and no tree is created: the job
 * needs database credentials only.
 */
@Component
@ConditionalOnProperty(name = "waxseal.migrate-only", havingValue = "true")
class MigrateOnlyRunner implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(MigrateOnlyRunner.class);

  private final ConfigurableApplicationContext context;
  private final Flyway flyway;

  MigrateOnlyRunner(ConfigurableApplicationContext context, Flyway flyway) {
    this.context = context;
    this.flyway = flyway;
  }

  @Override
  public void run(ApplicationArguments args) {
    int applied = flyway.migrate().migrationsExecuted;
    log.atInfo()
        .addKeyValue("migrations_applied", applied)
        .log("schema migrated; exiting because waxseal.migrate-only is set");
    int status = SpringApplication.exit(context, () -> 0);
    System.exit(status);
  }
}
