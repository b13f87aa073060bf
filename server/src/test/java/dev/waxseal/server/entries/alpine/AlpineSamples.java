package dev.waxseal.server.entries.alpine;

/**
 * A valid alpine proposed entry, made as {@link AlpineIT} makes its own, for tests outside this
 * package (the API's OpenAPI contract test).
 */
public final class AlpineSamples {
  private AlpineSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: the test
   * package signed with a new RSA key, so each call gives a new entry.
   */
  public static String proposedEntry() throws Exception {
    var key = Apks.keyPair("RSA", 2048);
    byte[] data = Apks.data();
    byte[] apk = Apks.signed(key, "SHA1withRSA", Apks.pkginfo(data), data);
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"alpine\",\"spec\":"
        + AlpineKindTest.request(apk, Apks.pem(key.getPublic()))
        + "}";
  }
}
