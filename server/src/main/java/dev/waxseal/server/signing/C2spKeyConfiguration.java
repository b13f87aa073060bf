package dev.waxseal.server.signing;

import java.io.IOException;
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
  C2spCheckpointSigner c2spCheckpointSigner(C2spProperties properties, LogSigner logSigner)
      throws IOException {
    LogSigner key = tilesKey(properties);
    if (key.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalStateException(
          "the tiles key is "
              + key.algorithm()
              + "; C2SP checkpoints need an Ed25519 key (WAXSEAL_TILES_KEY_FILE)");
    }
    LogSigner cosigner = null;
    if (properties.cosignWithLogKey()) {
      if (logSigner.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
        throw new IllegalStateException(
            "waxseal.tiles.cosign-with-log-key is on, but the log key is "
                + logSigner.algorithm()
                + "; the C2SP ECDSA co-signature needs an ECDSA P-256 log key");
      }
      cosigner = logSigner;
    }
    C2spCheckpointSigner signer = new C2spCheckpointSigner(properties.origin(), key, cosigner);
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
