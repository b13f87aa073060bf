package dev.waxseal.server.entries.rfc3161;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A valid rfc3161 proposed entry, made as {@link Rfc3161IT} makes its own, for tests outside this
 * package (the API's OpenAPI contract test).
 */
public final class Rfc3161Samples {
  private Rfc3161Samples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: the test
   * authority's response stamping {@code artifact}, with its certificate.
   */
  public static String proposedEntry(String artifact) {
    byte[] tsr = new TestAuthority().respond(artifact.getBytes(StandardCharsets.UTF_8), true);
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"rfc3161\",\"spec\":{\"tsr\":{\"content\":\""
        + Base64.getEncoder().encodeToString(tsr)
        + "\"}}}";
  }
}
