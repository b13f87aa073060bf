package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import java.util.List;
import java.util.Set;

/**
 * Turns the body of a {@code POST /api/v2/log/entries} request into the entry a Rekor v2 log
 * appends, or the exact refusal rekor-tiles answers: what its {@code CreateEntry} does before
 * {@code storage.Add}.
 *
 * <p>The result is a {@link CanonicalEntry} with kind {@code hashedrekord} or {@code dsse}, version
 * {@code 0.0.2}, the JCS canonical body (the leaf value and the entry bundle content) and its RFC
 * 6962 leaf hash; it has no search keys (Rekor v2 has no search). Thread-safe and immutable.
 */
public final class RekorV2Entries {
  /** rekor-tiles' {@code --max-request-body-size} default: 4 MiB. */
  public static final int DEFAULT_MAX_REQUEST_BODY_SIZE = 4 * 1024 * 1024;

  private final HashedRekordV002 hashedRekord;
  private final DsseV002 dsse;
  private final boolean acceptDsse;
  private final int maxRequestBodySize;

  /**
   * Creates the converter.
   *
   * @param allowed the client signing algorithms allowed (rekor-tiles' {@code
   *     --client-signing-algorithms}; {@link ClientSigningAlgorithm#REKOR_DEFAULT} is its default)
   * @param acceptDsse take {@code dsseRequestV002} as rekor-tiles v2.2 did; if false, refuse it as
   *     v2.3 does ({@code "invalid type, must be hashedrekord"})
   * @param maxRequestBodySize the largest body accepted, in bytes
   */
  public RekorV2Entries(
      Set<ClientSigningAlgorithm> allowed, boolean acceptDsse, int maxRequestBodySize) {
    if (maxRequestBodySize <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBodySize " + maxRequestBodySize + " must be positive");
    }
    this.hashedRekord = new HashedRekordV002(allowed);
    this.dsse = new DsseV002(allowed);
    this.acceptDsse = acceptDsse;
    this.maxRequestBodySize = maxRequestBodySize;
  }

  /** rekor-tiles v2.2's defaults: its algorithm list, dsse accepted, 4 MiB bodies. */
  public static RekorV2Entries withDefaults() {
    return new RekorV2Entries(
        ClientSigningAlgorithm.REKOR_DEFAULT, true, DEFAULT_MAX_REQUEST_BODY_SIZE);
  }

  /**
   * Reads, validates and verifies a create request and returns the entry to append.
   *
   * @param body the HTTP request body (protojson {@code CreateEntryRequest})
   * @throws RekorV2Exception with rekor-tiles' answer (always 400 here) if it would refuse the
   *     request; {@link RekorV2Exception#detail()} says why, for the log
   */
  public CanonicalEntry toLogEntry(byte[] body) {
    if (body.length > maxRequestBodySize) {
      throw RekorV2Exception.invalidArgument(RekorV2Status.BODY_TOO_LARGE);
    }
    CreateEntryRequest request = ProtoJsonReader.read(body);
    CreateEntryRequest.HashedRekord hr = request.hashedRekord();
    if (hr != null) {
      return entry(HashedRekordV002.KIND, hashedRekord.canonicalBody(hr));
    }
    CreateEntryRequest.Dsse ds = request.dsse();
    if (ds != null && acceptDsse) {
      return entry(DsseV002.KIND, dsse.canonicalBody(ds));
    }
    String message = acceptDsse ? RekorV2Status.INVALID_TYPE : INVALID_TYPE_HASHEDREKORD_ONLY;
    throw RekorV2Exception.invalidArgument(message);
  }

  /** rekor-tiles v2.3's text for a request that is not a hashedrekord. */
  static final String INVALID_TYPE_HASHEDREKORD_ONLY = "invalid type, must be hashedrekord";

  private static CanonicalEntry entry(String kind, byte[] body) {
    return CanonicalEntry.of(kind, EntryJson.API_VERSION, body, List.of());
  }
}
