package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;

/** Checks shared by both kinds on a request's {@code Verifier} message. */
final class Verifiers {
  private Verifiers() {}

  /**
   * rekor-tiles' {@code pkg/types/verifier.Validate}: the detail of the first missing part, or
   * empty if the verifier has a non-empty key or certificate.
   */
  static String validate(Verifier verifier) {
    byte[] publicKey = verifier.publicKey();
    byte[] certificate = verifier.certificate();
    if (publicKey == null && certificate == null) {
      return "missing signature public key or X.509 certificate";
    }
    if (publicKey != null && publicKey.length == 0) {
      return "missing public key raw bytes";
    }
    if (certificate != null && certificate.length == 0) {
      return "missing X.509 certificate raw bytes";
    }
    return "";
  }

  /**
   * The verifier's {@code keyDetails}; a number the enum does not define is reported as {@code
   * PUBLIC_KEY_DETAILS_UNSPECIFIED}, which sigstore's registry does not know either.
   */
  static PublicKeyDetails details(Verifier verifier) {
    return PublicKeyDetails.byNumber(verifier.keyDetails())
        .orElse(PublicKeyDetails.PUBLIC_KEY_DETAILS_UNSPECIFIED);
  }
}
