package dev.waxseal.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Exits with status 0 once Flyway has migrated, when {@code WAXSEAL_MIGRATE_ONLY=true}.
 *
 * <p>This is the Helm migration Job: one process migrates the schema before the replicas, which
 * then start with Flyway off. Flyway itself runs during context start, before any runner.
 */
@Component
@ConditionalOnProperty(name = "waxseal.migrate-only", havingValue = "true")
class MigrateOnlyRunner implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(MigrateOnlyRunner.class);

  private final ConfigurableApplicationContext context;

  MigrateOnlyRunner(ConfigurableApplicationContext context) {
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    log.atInfo().log("schema migrated; exiting because waxseal.migrate-only is set");
    int status = SpringApplication.exit(context, () -> 0);
    System.exit(status);
  }
}
