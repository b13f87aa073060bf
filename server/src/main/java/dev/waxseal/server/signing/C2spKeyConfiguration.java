package dev.waxseal.server.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Path keyFile = properties.keyFile();
    if (keyFile != null && !keyFile.toString().isEmpty()) {
      log.atInfo().addKeyValue("key_file", keyFile).log("tiles key loaded");
      return PemLogSigner.of(PemKeyFiles.load(keyFile));
    }
    Path generated = properties.generatedKeyFile();
    if (Files.exists(generated)) {
      log.atWarn()
          .addKeyValue("key_file", generated.toAbsolutePath())
          .log(
              "using the tiles key generated at first start; set WAXSEAL_TILES_KEY_FILE in"
                  + " production");
      return PemLogSigner.of(PemKeyFiles.load(generated));
    }
    if (!properties.allowGeneratedKey()) {
      throw new IllegalStateException(
          "no tiles key: set WAXSEAL_TILES_KEY_FILE to an Ed25519 PEM private key (key generation"
              + " is off in this profile)");
    }
    log.atWarn()
        .addKeyValue("key_file", generated.toAbsolutePath())
        .log(
            "!!! NO TILES KEY CONFIGURED: GENERATED A NEW Ed25519 KEY. Back it up, or set"
                + " WAXSEAL_TILES_KEY_FILE: witnesses and tile clients trust this key !!!");
    return PemLogSigner.of(PemKeyFiles.generate(SignatureAlgorithm.ED25519, generated));
  }
}
