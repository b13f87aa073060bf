package dev.waxseal.server.signing;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the Ed25519 key of the C2SP checkpoints: a PEM file when {@code WAXSEAL_TILES_KEY_FILE}
 * is set, otherwise one generated in the data directory at first start (with a loud warning, and
 * never when generation is off, as in the production profile). Adds the log's ECDSA key as
 * co-signer when {@code waxseal.tiles.cosign-with-log-key} is on.
 */
@Configuration(proxyBeanMethods = false)
class C2spKeyConfiguration {
  private static final Logger log = LoggerFactory.getLogger(C2spKeyConfiguration.class);

  @Bean
  ShardKeys shardKeys(
      C2spProperties properties,
      SigningProperties signing,
      LogSigner logSigner,
      MeterRegistry registry)
      throws IOException {
    LogSigner key = tilesKey(properties);
    if (key.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalStateException(
          "the tiles key is "
              + key.algorithm()
              + "; C2SP checkpoints need an Ed25519 key (WAXSEAL_TILES_KEY_FILE)");
    }
    if (properties.cosignWithLogKey()
        && logSigner.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
      throw new IllegalStateException(
          "waxseal.tiles.cosign-with-log-key is on, but the log key is "
              + logSigner.algorithm()
              + "; the C2SP ECDSA co-signature needs an ECDSA P-256 log key");
    }
    Map<String, LogSigner> keys = new LinkedHashMap<>();
    keys.put(ShardKeys.DEFAULT, logSigner);
    for (Map.Entry<String, SigningProperties.ShardKey> shardKey : signing.shardKeys().entrySet()) {
      keys.put(shardKey.getKey(), ShardKeyLoader.load(shardKey.getKey(), shardKey.getValue()));
    }
    return new ShardKeys(
        signing.hostname(),
        keys,
        key,
        properties.cosignWithLogKey(),
        properties.origin(),
        new SignerMetrics(registry));
  }

  @Bean
  C2spCheckpointSigner c2spCheckpointSigner(ShardKeys keys, C2spProperties properties) {
    C2spCheckpointSigner signer =
        keys.signers(ShardKeys.DEFAULT, properties.origin()).c2spCheckpoints();
    log.atInfo()
        .addKeyValue("origin", signer.origin())
        .addKeyValue("vkey", signer.verifierKey().format())
        .addKeyValue("ecdsa_vkey", ecdsaVkey(signer))
        .log("C2SP checkpoint key ready");
    return signer;
  }

  private static @Nullable String ecdsaVkey(C2spCheckpointSigner signer) {
    return signer.ecdsaVerifierKey().map(k -> k.format()).orElse(null);
  }

  private static LogSigner tilesKey(C2spProperties properties) throws IOException {
    return KeyFileResolver.resolve(
        "tiles key",
        "WAXSEAL_TILES_KEY_FILE",
        properties.keyFile(),
        properties.generatedKeyFile(),
        SignatureAlgorithm.ED25519,
        properties.allowGeneratedKey());
  }
}
