package dev.waxseal.server.entries.jar;

import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A valid jar proposed entry, made as {@link JarIT} makes its own, for tests outside this package
 * (the API's OpenAPI contract test).
 */
public final class JarSamples {
  private JarSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: the test
   * JAR signed with an ECDSA P-256 key as {@code signerName} (which names the signature files, so
   * each name gives another archive).
   */
  public static String proposedEntry(String signerName) throws Exception {
    Path directory = Files.createTempDirectory("jar-samples");
    try {
      byte[] jar = SignedJars.signed(Kind.P256, signerName, directory);
      return "{\"apiVersion\":\"0.0.1\",\"kind\":\"jar\",\"spec\":{\"archive\":{\"content\":\""
          + Base64.getEncoder().encodeToString(jar)
          + "\"}}}";
    } finally {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(directory);
    }
  }
}
