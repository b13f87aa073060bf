package dev.waxseal.server.entries.rekord;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.util.List;

/**
 * One {@code signature.format} of a rekord entry: parses the signature and the public key as
 * Rekor's {@code pki} package for that format does, verifies the signature over the artifact, and
 * gives both back in Rekor's canonical encoding.
 *
 * <p>Implementations MUST be thread-safe and MUST throw {@link InvalidEntryException} for every
 * refusal, parsing the signature before the key as Rekor does.
 */
interface SignatureFormat {
  /** What a verified signature leaves for the body and the index. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Verified(byte[] canonicalKey, byte[] canonicalSignature, List<String> subjects) {}

  /** The format name, e.g. {@code "x509"}. */
  String name();

  /**
   * Parses {@code signature} and {@code publicKey} and verifies the signature over {@code data}.
   *
   * @throws InvalidEntryException if either does not parse or the signature does not verify
   */
  Verified verify(byte[] publicKey, byte[] signature, byte[] data);

  /**
   * The canonical encoding of {@code publicKey}, the bytes whose SHA-256 the index holds.
   *
   * @throws InvalidEntryException if the key does not parse
   */
  byte[] canonicalKey(byte[] publicKey);

  /**
   * The subjects (e-mail addresses, URIs) Rekor's {@code Subjects()} gives for {@code publicKey}:
   * none for formats whose keys name no one.
   *
   * @throws InvalidEntryException if the key does not parse
   */
  default List<String> subjects(byte[] publicKey) {
    canonicalKey(publicKey);
    return List.of();
  }

  static InvalidEntryException invalidKey(String detail) {
    return new InvalidEntryException(Reason.INVALID_PUBLIC_KEY, detail);
  }

  static InvalidEntryException invalidSignature(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, detail);
  }
}
