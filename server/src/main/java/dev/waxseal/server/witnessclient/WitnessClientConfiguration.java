package dev.waxseal.server.witnessclient;

import dev.waxseal.merkle.witness.WitnessPolicy;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.LogTree;
import dev.waxseal.server.log.RekorV2Log;
import dev.waxseal.server.storage.PostgresLogStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the witness client when {@code WAXSEAL_WITNESS_POLICY} is set, and fails the start if the
 * policy file or the mode is bad.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${waxseal.witness-client.policy-file:}'.isEmpty()")
class WitnessClientConfiguration {
  private static final Logger log = LoggerFactory.getLogger(WitnessClientConfiguration.class);

  @Bean
  WitnessPolicy witnessClientPolicy(WitnessClientProperties properties) throws IOException {
    Path file = Path.of(properties.policyFile());
    WitnessPolicy policy = WitnessPolicy.parse(Files.readString(file, StandardCharsets.UTF_8));
    if (policy.witnesses().isEmpty()) {
      throw new IllegalStateException(
          "WAXSEAL_WITNESS_POLICY "
              + file
              + " names no witness; add \"witness <name> <key> <url>\"");
    }
    policy.witnesses().forEach(WitnessEndpoint::of); // each needs a URL: fail now, not later
    return policy;
  }

  @Bean
  CosignatureStore cosignatureStore(JdbcClient jdbc) {
    return new CosignatureStore(jdbc);
  }

  @Bean
  CosignedCheckpoints cosignedCheckpoints(
      WitnessPolicy witnessClientPolicy,
      WitnessClientProperties properties,
      PostgresLogStore store,
      CosignatureStore cosignatures) {
    return new CosignedCheckpoints(
        witnessClientPolicy, WitnessMode.parse(properties.mode()), store, cosignatures);
  }

  @Bean(destroyMethod = "close")
  WitnessClient witnessClient(
      WitnessPolicy witnessClientPolicy,
      WitnessClientProperties properties,
      PostgresLogStore store,
      LogReader reader,
      CosignatureStore cosignatures,
      CosignedCheckpoints served,
      MeterRegistry registry) {
    List<WitnessEndpoint> witnesses =
        witnessClientPolicy.witnesses().stream().map(WitnessEndpoint::of).toList();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.timeout())
            .build();
    log.atInfo()
        .addKeyValue("witnesses", witnesses.stream().map(WitnessEndpoint::name).toList())
        .addKeyValue("quorum", witnessClientPolicy.quorumName())
        .addKeyValue("mode", WitnessMode.parse(properties.mode()))
        .log("witness client ready");
    return new WitnessClient(
        witnesses,
        store,
        reader,
        cosignatures,
        served,
        new AddCheckpointCall(http, properties.timeout()),
        properties.threads(),
        properties.minInterval(),
        registry);
  }

  /**
   * Sends the active tree's current checkpoint, and the Rekor v2 log's if it runs, once the server
   * is up (a restart, a quiet log).
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> witnessCurrentCheckpoint(
      WitnessClient client, LogTree tree, ObjectProvider<RekorV2Log> v2) {
    return event -> {
      try {
        client.published(tree.latestCheckpoint());
        RekorV2Log v2Log = v2.getIfAvailable();
        if (v2Log != null) {
          client.published(v2Log.tree().latestCheckpoint());
        }
      } catch (SQLException e) {
        log.atWarn().setCause(e).log("cannot read the latest checkpoint to send to witnesses");
      }
    };
  }
}
