package dev.waxseal.server.signing;

import java.io.IOException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads (or, outside production, generates) the Rekor v2 log's key when that log is enabled. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "waxseal.rekor-v2.enabled", havingValue = "true")
class RekorV2KeyConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RekorV2KeyConfiguration.class);

  @Bean
  RekorV2Keys rekorV2Keys(RekorV2Properties properties) throws IOException {
    LogSigner key =
        KeyFileResolver.resolve(
            "Rekor v2 log key",
            "WAXSEAL_V2_KEY_FILE",
            properties.keyFile(),
            properties.generatedKeyFile(),
            SignatureAlgorithm.ED25519,
            properties.allowGeneratedKey());
    RekorV2Keys keys = new RekorV2Keys(properties.hostname(), key);
    log.atInfo()
        .addKeyValue("origin", keys.hostname())
        .addKeyValue("log_id", Base64.getEncoder().encodeToString(keys.logKeyId()))
        .log("Rekor v2 log key ready");
    return keys;
  }
}
