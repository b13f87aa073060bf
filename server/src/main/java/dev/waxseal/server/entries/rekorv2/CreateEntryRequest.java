package dev.waxseal.server.entries.rekorv2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code dev.sigstore.rekor.v2.CreateEntryRequest} as protojson leaves it: an unset message field
 * is null, an unset bytes field empty, an unset enum 0, an unset repeated field empty. At most one
 * of the {@code spec} oneof is set.
 *
 * <p>The byte arrays are the reader's own and never written to; nothing outside this package sees
 * them.
 */
record CreateEntryRequest(@Nullable HashedRekord hashedRekord, @Nullable Dsse dsse) {

  /** {@code HashedRekordRequestV002}: {@code digest}, {@code signature}. */
  record HashedRekord(byte[] digest, @Nullable Signature signature) {}

  /** {@code dev.sigstore.rekor.v2.Signature}: {@code content}, {@code verifier}. */
  record Signature(byte[] content, @Nullable Verifier verifier) {}

  /**
   * {@code dev.sigstore.rekor.v2.Verifier}: the {@code verifier} oneof (a {@code publicKey} or an
   * {@code x509Certificate} message, each with {@code rawBytes}; null when that member is unset)
   * and {@code keyDetails} as its enum number.
   */
  record Verifier(byte @Nullable [] publicKey, byte @Nullable [] certificate, int keyDetails) {}

  /** {@code DSSERequestV002}: {@code envelope}, {@code verifiers}. */
  record Dsse(@Nullable Envelope envelope, List<Verifier> verifiers) {}

  /** {@code io.intoto.Envelope}: {@code payload}, {@code payloadType}, {@code signatures}. */
  record Envelope(byte[] payload, String payloadType, List<EnvelopeSignature> signatures) {}

  /** {@code io.intoto.Signature}: {@code sig}, {@code keyid}. */
  record EnvelopeSignature(byte[] sig, String keyid) {}
}
