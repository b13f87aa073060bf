package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.pgp.PgpTestKeys;
import java.nio.charset.StandardCharsets;

/**
 * A valid rpm proposed entry, made as {@link RpmIT} makes its own, for tests outside this package
 * (the API's OpenAPI contract test).
 */
public final class RpmSamples {
  private RpmSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: a package
   * named {@code label} signed with an OpenPGP key of its own (seeded by {@code seed}).
   */
  public static String proposedEntry(String label, long seed) throws Exception {
    PgpTestKeys.Ring key = PgpTestKeys.rsa(label + " <rpm@example.com>", seed);
    byte[] rpm =
        Rpms.rpm(
            key,
            Rpms.main(label, 0, "1.0", "1", "noarch"),
            ("payload of " + label).getBytes(StandardCharsets.UTF_8),
            true);
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"rpm\",\"spec\":"
        + RpmKindTest.request(rpm, key.armoredPublicKey())
        + "}";
  }
}
