package dev.waxseal.server.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signed entry timestamps (Rekor's SET): the log's signature over the RFC 8785 canonical JSON
 * {@code {"body":…,"integratedTime":…,"logID":…,"logIndex":…}} (wire-formats.md b.4).
 *
 * <p>The four values are a base64 string, a hex string and two integers, none of which JSON
 * escapes, and the keys are already in RFC 8785 order; so the canonical form is written directly,
 * without a JSON library on the append path.
 */
public final class SignedEntryTimestamps {
  private final LogSigner signer;

  /** Creates timestamps signed by the log key {@code signer}. */
  public SignedEntryTimestamps(LogSigner signer) {
    this.signer = signer;
  }

  /** The canonical JSON payload a SET signs. */
  public static byte[] payload(byte[] body, long integratedTime, String logIdHex, long logIndex) {
    String json =
        "{\"body\":\""
            + Base64.getEncoder().encodeToString(body)
            + "\",\"integratedTime\":"
            + integratedTime
            + ",\"logID\":\""
            + logIdHex
            + "\",\"logIndex\":"
            + logIndex
            + "}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Signs the SET of one entry.
   *
   * @param logIndex the entry's virtual index across trees, as Rekor returns it
   * @throws SigningException if the key fails
   */
  public byte[] sign(byte[] body, long integratedTime, String logIdHex, long logIndex) {
    return signer.sign(payload(body, integratedTime, logIdHex, logIndex));
  }
}
