package dev.waxseal.server.signing;

import dev.waxseal.server.signing.kms.GcpKmsLogSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads one configured shard key ({@code waxseal.signer.shard-keys.<id>}). */
final class ShardKeyLoader {
  private static final Logger log = LoggerFactory.getLogger(ShardKeyLoader.class);

  private ShardKeyLoader() {}

  /**
   * Loads the key {@code id}.
   *
   * @throws IllegalStateException if the id is not a valid key id, or the key names both or neither
   *     of a key file and a KMS key
   */
  static LogSigner load(String id, SigningProperties.ShardKey key) throws IOException {
    if (!id.matches("[a-z0-9][a-z0-9-]*") || id.equals(ShardKeys.DEFAULT)) {
      throw new IllegalStateException(
          "shard key id '"
              + id
              + "' must be lower-case letters, digits and '-', and not '"
              + ShardKeys.DEFAULT
              + "'");
    }
    Path file = key.keyFile();
    String kms = key.kmsKey();
    boolean hasFile = file != null && !file.toString().isEmpty();
    boolean hasKms = kms != null && !kms.isBlank();
    if (hasFile == hasKms) {
      throw new IllegalStateException(
          "waxseal.signer.shard-keys." + id + " must set exactly one of key-file and kms-key");
    }
    LogSigner signer =
        hasKms
            ? GcpKmsLogSigner.connect(Objects.requireNonNull(kms))
            : PemLogSigner.of(PemKeyFiles.load(Objects.requireNonNull(file)));
    log.atInfo()
        .addKeyValue("key_id", id)
        .addKeyValue("log_id", new LogIdentity(signer).logId().hex())
        .log("shard key loaded");
    return signer;
  }
}
