package dev.waxseal.server.entries.rekord;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Building rekord specs and reading canonical bodies, for the rekord tests. */
public final class Rekords {
  static final RekordKind KIND = new RekordKind(new X509PublicKeyCache(64));
  static final byte[] ARTIFACT = "waxseal rekord artifact\n".getBytes(StandardCharsets.UTF_8);

  private Rekords() {}

  /** A proposed spec; {@code extraData} is spliced into {@code data} (e.g. a hash). */
  public static JsonNode spec(
      String format, byte[] signature, byte[] publicKey, byte[] data, String extraData) {
    String json =
        "{\"signature\":{\"format\":\""
            + format
            + "\",\"content\":\""
            + Signers.b64(signature)
            + "\",\"publicKey\":{\"content\":\""
            + Signers.b64(publicKey)
            + "\"}},\"data\":{\"content\":\""
            + Signers.b64(data)
            + "\""
            + extraData
            + "}}";
    return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static CanonicalEntry canonicalize(String format, byte[] signature, byte[] publicKey) {
    return KIND.canonicalize(spec(format, signature, publicKey, ARTIFACT, ""), Purpose.APPEND);
  }

  /** The body Rekor stores for these canonical parts. */
  static String body(String format, byte[] canonicalSignature, byte[] canonicalKey, byte[] data) {
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"rekord\",\"spec\":{\"data\":{\"hash\":"
        + "{\"algorithm\":\"sha256\",\"value\":\""
        + Signers.sha256Hex(data)
        + "\"}},\"signature\":{\"content\":\""
        + Signers.b64(canonicalSignature)
        + "\",\"format\":\""
        + format
        + "\",\"publicKey\":{\"content\":\""
        + Signers.b64(canonicalKey)
        + "\"}}}}";
  }

  static String text(CanonicalEntry entry) {
    return new String(entry.body(), StandardCharsets.UTF_8);
  }
}
