package dev.waxseal.server.entries.helm;

import dev.waxseal.server.entries.pgp.PgpTestKeys;

/**
 * A valid helm proposed entry, made as {@link HelmIT} makes its own, for tests outside this package
 * (the API's OpenAPI contract test).
 */
public final class HelmSamples {
  private HelmSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: the test
   * chart's provenance clear-signed by {@code signer}'s OpenPGP key (seeded by {@code seed}).
   */
  public static String proposedEntry(String signer, long seed) throws Exception {
    PgpTestKeys.Ring key = PgpTestKeys.rsa(signer, seed);
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"helm\",\"spec\":"
        + HelmKindTest.request(key.clearSign(HelmKindTest.PROVENANCE_TEXT), key.armoredPublicKey())
        + "}";
  }
}
