package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.DigestAlgorithm;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.HashedRekord;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Signature;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code hashedrekord 0.0.2}: rekor-tiles' {@code pkg/types/hashedrekord.ToLogEntry} (v2.3.0, which
 * adds the digest length check to v2.2's rules).
 *
 * <p>Checks in rekor-tiles' order: signature content, verifier and digest present; the verifier has
 * a non-empty key or certificate that parses; {@code keyDetails} is in sigstore's registry and its
 * hash, with the key's type and size, is on the allow-list; the digest is as long as that hash; the
 * signature verifies over the digest (Ed25519 keys as Ed25519ph). Every failure answers 400 {@value
 * RekorV2Status#INVALID_HASHEDREKORD}; {@link RekorV2Exception#detail()} names the rule.
 *
 * <p>The stored body: {@code
 * {"apiVersion":"0.0.2","kind":"hashedrekord","spec":{"hashedRekordV002":
 * {"data":{"algorithm":<hash of keyDetails>,"digest":…},"signature":<as sent>}}}}, JCS.
 */
final class HashedRekordV002 {
  static final String KIND = "hashedrekord";

  private final Set<ClientSigningAlgorithm> allowed;

  HashedRekordV002(Set<ClientSigningAlgorithm> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * Validates and verifies the request and returns the canonical body.
   *
   * @throws RekorV2Exception (400) if rekor-tiles would refuse the request
   */
  byte[] canonicalBody(HashedRekord request) {
    Signature signature = request.signature();
    if (signature == null || signature.content().length == 0) {
      throw reject("missing signature");
    }
    Verifier verifier = signature.verifier();
    if (verifier == null) {
      throw reject("missing verifier");
    }
    if (request.digest().length == 0) {
      throw reject("missing digest");
    }
    String invalid = Verifiers.validate(verifier);
    if (!invalid.isEmpty()) {
      throw reject("invalid verifier: " + invalid);
    }
    VerifierKey key;
    try {
      key = VerifierKey.parse(verifier);
    } catch (IllegalArgumentException e) {
      throw reject("parsing verifier: " + e.getMessage());
    }
    PublicKeyDetails details = Verifiers.details(verifier);
    boolean permitted;
    try {
      permitted = key.permitted(allowed, details);
    } catch (IllegalArgumentException e) {
      throw reject(e.getMessage());
    }
    if (!permitted) {
      throw reject("unsupported entry algorithm for key details " + details.name());
    }
    DigestAlgorithm hash = details.hash();
    if (hash == null) {
      // rekor-tiles v2.2 fails the Ed25519ph verifier here; v2.3.0 panics on crypto.Hash(0).Size()
      // and answers 500. A 400 tells the client what to change.
      throw reject("PKIX_ED25519 cannot sign a digest: use PKIX_ED25519_PH");
    }
    if (request.digest().length != hash.size()) {
      throw reject(
          "digest length ("
              + request.digest().length
              + ") does not match expected size ("
              + hash.size()
              + ") for algorithm "
              + hash.displayName());
    }
    try {
      key.verifyDigest(hash, request.digest(), signature.content());
    } catch (InvalidEntryException e) {
      throw reject(e.getMessage());
    }
    ObjectNode spec = EntryJson.object();
    spec.set("data", EntryJson.hashOutput(PublicKeyDetails.protoHashName(hash), request.digest()));
    spec.set("signature", EntryJson.signature(signature, verifier));
    return EntryJson.entry(KIND, "hashedRekordV002", spec);
  }

  private static RekorV2Exception reject(@Nullable String detail) {
    return new RekorV2Exception(
        RekorV2Status.invalidArgument(RekorV2Status.INVALID_HASHEDREKORD), String.valueOf(detail));
  }
}
