package dev.waxseal.server.signing;

import dev.waxseal.server.signing.kms.GcpKmsLogSigner;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the log's signer: a Cloud KMS key when {@code waxseal.signer.kms-key} names one, a PEM
 * key file when one is configured (never both), otherwise a key generated in the data directory at
 * first start (with a loud warning, and never when generation is switched off, as the production
 * profile does).
 */
@Configuration(proxyBeanMethods = false)
class LogKeyConfiguration {
  private static final Logger log = LoggerFactory.getLogger(LogKeyConfiguration.class);

  @Bean
  LogIdentity logIdentity(LogSigner signer) {
    return new LogIdentity(signer);
  }

  @Bean
  CheckpointSigner checkpointSigner(SigningProperties properties, LogSigner signer) {
    return new CheckpointSigner(properties.hostname(), signer);
  }

  @Bean
  SignedEntryTimestamps signedEntryTimestamps(LogSigner signer) {
    return new SignedEntryTimestamps(signer);
  }

  @Bean
  LogSigner logSigner(SigningProperties properties) throws IOException {
    String kmsKey = properties.kmsKey();
    Path keyFile = properties.keyFile();
    if (kmsKey != null && !kmsKey.isBlank()) {
      if (keyFile != null && !keyFile.toString().isEmpty()) {
        throw new IllegalStateException(
            "both WAXSEAL_SIGNER_KEY_FILE (waxseal.signer.key-file) and WAXSEAL_SIGNER_KMS_KEY"
                + " (waxseal.signer.kms-key) are set; a log has one key: set only one of them");
      }
      GcpKmsLogSigner signer = GcpKmsLogSigner.connect(kmsKey);
      log.atInfo().addKeyValue("kms_key", signer.keyName()).log("log key is in Cloud KMS");
      return signer;
    }
    return KeyFileResolver.resolve(
        "log key",
        "WAXSEAL_SIGNER_KEY_FILE",
        keyFile,
        properties.generatedKeyFile(),
        properties.generatedAlgorithm(),
        properties.allowGeneratedKey());
  }
}
