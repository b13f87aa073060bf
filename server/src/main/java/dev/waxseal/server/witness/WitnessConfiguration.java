package dev.waxseal.server.witness;

import dev.waxseal.merkle.witness.Cosigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the witness when {@code WAXSEAL_WITNESS_KEY_FILE} is set, and fails the start if its files
 * are bad.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(WitnessConfiguration.ENABLED)
class WitnessConfiguration {
  /** Witness mode is on when the key file is set. */
  static final String ENABLED = "!'${waxseal.witness.key-file:}'.isEmpty()";

  private static final Logger log = LoggerFactory.getLogger(WitnessConfiguration.class);

  @Bean
  WitnessKey witnessKey(WitnessProperties properties) {
    WitnessKey key = WitnessKey.load(properties.name(), Path.of(properties.keyFile()));
    log.atInfo().addKeyValue("vkey", key.vkey().format()).log("witness key ready");
    return key;
  }

  @Bean
  Witness witness(
      WitnessProperties properties,
      WitnessKey key,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager)
      throws IOException {
    if (properties.logsFile().isEmpty()) {
      throw new IllegalStateException(
          "witness mode is on (WAXSEAL_WITNESS_KEY_FILE) but WAXSEAL_WITNESS_LOGS is not set:"
              + " list the witnessed logs, one \"<origin> <vkey>\" line each");
    }
    WitnessedLogs logs =
        WitnessedLogs.parse(
            Files.readString(Path.of(properties.logsFile()), StandardCharsets.UTF_8));
    log.atInfo()
        .addKeyValue("logs", logs.size())
        .addKeyValue("file", properties.logsFile())
        .log("witnessing logs");
    return new Witness(
        logs,
        new WitnessStore(jdbc),
        new TransactionTemplate(transactionManager),
        new Cosigner(key, Clock.systemUTC()),
        new LogRateLimiter(properties.requestsPerSecond(), properties.burst(), System::nanoTime));
  }
}
