package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.DigestAlgorithm;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Dsse;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Envelope;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.EnvelopeSignature;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dsse 0.0.2} as rekor-tiles v2.2 took it ({@code pkg/types/dsse.ToLogEntry}; v2.3 dropped
 * the kind, clients now log a hashedrekord over the PAE).
 *
 * <p>Checks in rekor-tiles' order: an envelope and 1 to {@value #MAX_VERIFIERS} verifiers, each
 * with a key or certificate; 1 to {@value #MAX_SIGNATURES} non-empty envelope signatures; every
 * verifier parses; then verifier by verifier, until every signature is verified: {@code keyDetails}
 * known and permitted for the key, and the verifier verifies a signature over the DSSE PAE (the
 * first in envelope order, with the hash of its {@code keyDetails}; Ed25519 pure). A verifier that
 * verifies none fails the request, and so does a signature no verifier verifies. Every failure
 * answers 400 {@value RekorV2Status#INVALID_DSSE}.
 *
 * <p>rekor-tiles walks the verifiers in Go map order, which is random, so when two verifiers can
 * verify the same signature it may credit either, and may or may not reach a superfluous verifier
 * whose algorithm is refused. Here the order is the request's, so the outcome is repeatable.
 *
 * <p>Key ids in the envelope are ignored (rekor-tiles' DSSE adapter has no key to derive one from).
 * The stored body lists each distinct signature once, sorted by its raw bytes, with the verifier
 * that verified it, and {@code payloadHash} is SHA-256 of the payload whatever the signing hashes.
 */
final class DsseV002 {
  static final String KIND = "dsse";
  static final int MAX_VERIFIERS = 10;
  static final int MAX_SIGNATURES = 10;

  private final Set<ClientSigningAlgorithm> allowed;

  DsseV002(Set<ClientSigningAlgorithm> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * Validates the request, verifies every envelope signature and returns the canonical body.
   *
   * @throws RekorV2Exception (400) if rekor-tiles v2.2 would refuse the request
   */
  byte[] canonicalBody(Dsse request) {
    Envelope envelope = validate(request);
    List<VerifierKey> keys = new ArrayList<>();
    for (Verifier verifier : request.verifiers()) {
      try {
        keys.add(VerifierKey.parse(verifier));
      } catch (IllegalArgumentException e) {
        throw reject(e.getMessage());
      }
    }
    byte[] pae = DsseEnvelope.pae(envelope.payloadType(), envelope.payload());
    Set<ByteBuffer> unverified = new HashSet<>();
    envelope.signatures().forEach(s -> unverified.add(ByteBuffer.wrap(s.sig())));
    // Raw signature → its verifier, in Go's string order (unsigned bytes): the stored order.
    Map<ByteBuffer, Verifier> verified = new TreeMap<>(DsseV002::compareUnsigned);
    for (int i = 0; i < keys.size() && !unverified.isEmpty(); i++) {
      Verifier verifier = request.verifiers().get(i);
      PublicKeyDetails details = Verifiers.details(verifier);
      checkPermitted(keys.get(i), details);
      byte[] accepted = firstVerified(keys.get(i), details, pae, envelope.signatures());
      unverified.remove(ByteBuffer.wrap(accepted));
      verified.put(ByteBuffer.wrap(accepted), verifier);
    }
    if (!unverified.isEmpty()) {
      throw reject("all signatures must have a key that verifies it");
    }
    ArrayNode signatures = EntryJson.object().arrayNode();
    verified.forEach((sig, verifier) -> signatures.add(EntryJson.signature(bytes(sig), verifier)));
    ObjectNode spec = EntryJson.object();
    spec.set(
        "payloadHash",
        EntryJson.hashOutput(
            PublicKeyDetails.protoHashName(DigestAlgorithm.SHA256),
            Rfc6962.sha256(envelope.payload())));
    spec.set("signatures", signatures);
    return EntryJson.entry(KIND, "dsseV002", spec);
  }

  private static Envelope validate(Dsse request) {
    Envelope envelope = request.envelope();
    if (envelope == null) {
      throw reject("missing envelope");
    }
    int verifiers = request.verifiers().size();
    if (verifiers == 0) {
      throw reject("missing verifiers");
    }
    if (verifiers > MAX_VERIFIERS) {
      throw reject("too many verifiers: " + verifiers + ", max allowed: " + MAX_VERIFIERS);
    }
    for (Verifier verifier : request.verifiers()) {
      String invalid = Verifiers.validate(verifier);
      if (!invalid.isEmpty()) {
        throw reject("invalid verifier: " + invalid);
      }
    }
    int signatures = envelope.signatures().size();
    if (signatures == 0) {
      throw reject("envelope missing signatures");
    }
    if (signatures > MAX_SIGNATURES) {
      throw reject("too many signatures: " + signatures + ", max allowed: " + MAX_SIGNATURES);
    }
    for (EnvelopeSignature s : envelope.signatures()) {
      if (s.sig().length == 0) {
        throw reject("envelope signature empty");
      }
    }
    return envelope;
  }

  private void checkPermitted(VerifierKey key, PublicKeyDetails details) {
    boolean permitted;
    try {
      permitted = key.permitted(allowed, details);
    } catch (IllegalArgumentException e) {
      throw reject(e.getMessage());
    }
    if (!permitted) {
      throw reject("unsupported entry algorithm for key details " + details.name());
    }
  }

  /** The first signature, in envelope order, that {@code key} verifies over the PAE. */
  private static byte[] firstVerified(
      VerifierKey key, PublicKeyDetails details, byte[] pae, List<EnvelopeSignature> signatures) {
    for (EnvelopeSignature s : signatures) {
      try {
        key.verifyMessage(details, pae, s.sig());
        return s.sig();
      } catch (InvalidEntryException e) {
        // not this one; go-securesystemslib tries the next signature
      }
    }
    throw reject(
        "could not verify envelope: accepted signatures do not match threshold, Found: 0,"
            + " Expected 1");
  }

  private static int compareUnsigned(ByteBuffer a, ByteBuffer b) {
    return Arrays.compareUnsigned(bytes(a), bytes(b));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static RekorV2Exception reject(@Nullable String detail) {
    return new RekorV2Exception(
        RekorV2Status.invalidArgument(RekorV2Status.INVALID_DSSE), String.valueOf(detail));
  }
}
