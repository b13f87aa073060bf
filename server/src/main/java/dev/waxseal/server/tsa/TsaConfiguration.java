package dev.waxseal.server.tsa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the timestamp authority from {@code waxseal.tsa.*}: the configured key and chain files,
 * else those generated in the data directory at an earlier start, else new ones generated now with
 * a loud warning (never when generation is off, where a missing key stops the server).
 *
 * <p>{@code waxseal.tsa.enabled} ({@code WAXSEAL_TSA_ENABLED}) switches the authority and its
 * endpoints on; it defaults to true, but to false in the production profile, so that a deployment
 * without TSA key files keeps starting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "waxseal.tsa", name = "enabled", matchIfMissing = true)
class TsaConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TsaConfiguration.class);

  @Bean
  TimestampAuthority timestampAuthority(TsaProperties properties, Environment environment)
      throws IOException {
    TsaKeyMaterial keys =
        resolve(
            properties,
            environment.getProperty("waxseal.hostname", "localhost"),
            Clock.systemUTC());
    log.atInfo()
        .addKeyValue("leaf", keys.leaf().getSubjectX500Principal())
        .addKeyValue("root", keys.root().getSubjectX500Principal())
        .log("timestamp authority ready");
    return new TimestampAuthority(
        keys,
        properties.defaultPolicyOid(),
        properties.acceptedPolicyOids(),
        properties.includeChainInResponse(),
        Clock.systemUTC(),
        new SecureRandom());
  }

  /**
   * Finds or makes the key material.
   *
   * @throws IllegalStateException if only one of key and chain is configured, or none is and
   *     generation is off
   */
  static TsaKeyMaterial resolve(TsaProperties properties, String hostname, Clock clock)
      throws IOException {
    Path keyFile = properties.keyFile();
    Path chainFile = properties.certChainFile();
    boolean hasKey = keyFile != null && !keyFile.toString().isEmpty();
    boolean hasChain = chainFile != null && !chainFile.toString().isEmpty();
    if (hasKey != hasChain) {
      throw new IllegalStateException(
          "set both WAXSEAL_TSA_KEY_FILE and WAXSEAL_TSA_CERT_CHAIN_FILE (the TSA key and the PEM"
              + " chain, leaf first, that certifies it), or neither");
    }
    if (hasKey && keyFile != null && chainFile != null) {
      log.atInfo().addKeyValue("key_file", keyFile).log("TSA key loaded");
      return TsaKeyMaterial.load(keyFile, chainFile);
    }
    Path generatedKey = properties.generatedKeyFile();
    Path generatedChain = properties.generatedChainFile();
    if (Files.exists(generatedKey) && Files.exists(generatedChain)) {
      log.atWarn()
          .addKeyValue("key_file", generatedKey.toAbsolutePath())
          .log(
              "using the TSA key generated at first start; set WAXSEAL_TSA_KEY_FILE and"
                  + " WAXSEAL_TSA_CERT_CHAIN_FILE");
      return TsaKeyMaterial.load(generatedKey, generatedChain);
    }
    if (!properties.allowGeneratedKey()) {
      throw new IllegalStateException(
          "no TSA key: set WAXSEAL_TSA_KEY_FILE and WAXSEAL_TSA_CERT_CHAIN_FILE (key generation"
              + " is off in this profile)");
    }
    TsaKeyMaterial keys = TsaKeyGenerator.generate(hostname, clock.instant(), new SecureRandom());
    TsaKeyGenerator.write(keys, generatedKey, generatedChain);
    log.atWarn()
        .addKeyValue("key_file", generatedKey.toAbsolutePath())
        .addKeyValue("chain_file", generatedChain.toAbsolutePath())
        .log(
            "!!! NO TSA KEY CONFIGURED: GENERATED A NEW ONE UNDER A NEW SELF-SIGNED ROOT. Clients"
                + " must trust that root (the last certificate of the chain file); set"
                + " WAXSEAL_TSA_KEY_FILE and WAXSEAL_TSA_CERT_CHAIN_FILE for a real deployment !!!");
    return keys;
  }
}
