package dev.waxseal.client.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;

/**
 * Verifies a Rekor v1 signed entry timestamp (SET): the log's signature over the RFC 8785 canonical
 * JSON of {@code {body, integratedTime, logID, logIndex}} (Rekor {@code signEntry}).
 *
 * <p>The four values are a base64 string, two integers and a hex string, none of which needs JSON
 * escaping, so the canonical form is written directly with the keys in sorted order.
 */
public final class SignedEntryTimestamp {
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private SignedEntryTimestamp() {}

  /** The canonical JSON the SET signs. */
  public static byte[] payload(
      String bodyBase64, long integratedTime, String logId, long logIndex) {
    if (!BASE64.matcher(bodyBase64).matches()) {
      throw new IllegalArgumentException("entry body is not standard base64");
    }
    if (!HEX.matcher(logId).matches()) {
      throw new IllegalArgumentException("logID " + logId + " is not 64 lower-case hex digits");
    }
    String json =
        "{\"body\":\""
            + bodyBase64
            + "\",\"integratedTime\":"
            + integratedTime
            + ",\"logID\":\""
            + logId
            + "\",\"logIndex\":"
            + logIndex
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Verifies {@code set} by {@code key} over the entry's four values.
   *
   * @throws VerificationException if it does not verify, or if {@code logId} is not the key's
   */
  public static void verify(
      byte[] set, LogKey key, String bodyBase64, long integratedTime, String logId, long logIndex)
      throws VerificationException {
    if (!logId.equals(key.fingerprint())) {
      throw new VerificationException(
          "entry " + logIndex + ": logID " + logId + " is not the log key's " + key.fingerprint());
    }
    try {
      key.verify(payload(bodyBase64, integratedTime, logId, logIndex), set);
    } catch (GeneralSecurityException e) {
      throw new VerificationException("entry " + logIndex + ": SET", e);
    }
  }
}
