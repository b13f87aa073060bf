package dev.waxseal.server.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a log key: the configured PEM file, else the one generated in the data directory at an
 * earlier start, else a new one generated now with a loud warning (unless generation is off, as in
 * the production profile, where a missing key stops the server instead of starting a new log).
 */
final class KeyFileResolver {
  private static final Logger log = LoggerFactory.getLogger(KeyFileResolver.class);

  private KeyFileResolver() {}

  /**
   * Returns the signer of the key named {@code what} (e.g. "log key").
   *
   * @param variable the environment variable that configures the file, for messages
   * @throws IllegalStateException if there is no key and generation is off
   */
  static PemLogSigner resolve(
      String what,
      String variable,
      @Nullable Path configured,
      Path generated,
      SignatureAlgorithm algorithm,
      boolean allowGenerated)
      throws IOException {
    if (configured != null && !configured.toString().isEmpty()) {
      log.atInfo().addKeyValue("key_file", configured).log(what + " loaded");
      return PemLogSigner.of(PemKeyFiles.load(configured));
    }
    if (Files.exists(generated)) {
      log.atWarn()
          .addKeyValue("key_file", generated.toAbsolutePath())
          .log("using the " + what + " generated at first start; set " + variable);
      return PemLogSigner.of(PemKeyFiles.load(generated));
    }
    if (!allowGenerated) {
      throw new IllegalStateException(
          "no "
              + what
              + ": set "
              + variable
              + " to a PEM private key (key generation is off in"
              + " this profile)");
    }
    log.atWarn()
        .addKeyValue("key_file", generated.toAbsolutePath())
        .addKeyValue("algorithm", algorithm)
        .log(
            "!!! NO "
                + what.toUpperCase(java.util.Locale.ROOT)
                + " CONFIGURED: GENERATED A NEW ONE. Back it up, or set "
                + variable
                + ": losing it changes the log's identity !!!");
    return PemLogSigner.of(PemKeyFiles.generate(algorithm, generated));
  }
}
