package dev.waxseal.server.entries;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated entry in the form the log stores: the canonical body (the Merkle leaf value), its RFC
 * 6962 leaf hash, and the search-index keys.
 *
 * <p>Immutable: byte arrays are copied in and out.
 */
public final class CanonicalEntry {
  private final String kind;
  private final String apiVersion;
  private final byte[] body;
  private final Hash leafHash;
  private final List<String> searchKeys;
  private final byte @Nullable [] attestation;

  private CanonicalEntry(
      String kind,
      String apiVersion,
      byte[] body,
      List<String> searchKeys,
      byte @Nullable [] attestation) {
    this.kind = kind;
    this.apiVersion = apiVersion;
    this.body = body;
    this.leafHash = Rfc6962.leafHash(body);
    this.searchKeys = searchKeys;
    this.attestation = attestation;
  }

  /**
   * Creates an entry without attestation.
   *
   * @param body the canonical JSON bytes (copied); the leaf hash is computed from them
   * @param searchKeys index keys; lower-cased (as Rekor's index does) and de-duplicated in order
   */
  public static CanonicalEntry of(
      String kind, String apiVersion, byte[] body, List<String> searchKeys) {
    return new CanonicalEntry(kind, apiVersion, body.clone(), normalize(searchKeys), null);
  }

  /**
   * Creates an entry that carries attestation bytes to store beside it (intoto kinds).
   *
   * @see #of(String, String, byte[], List)
   */
  public static CanonicalEntry withAttestation(
      String kind, String apiVersion, byte[] body, List<String> searchKeys, byte[] attestation) {
    return new CanonicalEntry(
        kind, apiVersion, body.clone(), normalize(searchKeys), attestation.clone());
  }

  /** Search keys as the index holds them: lower-cased, without duplicates, in order. */
  static List<String> normalize(List<String> keys) {
    Set<String> lower = new LinkedHashSet<>();
    for (String key : keys) {
      lower.add(key.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(new ArrayList<>(lower));
  }

  /** The kind, e.g. {@code "hashedrekord"}. */
  public String kind() {
    return kind;
  }

  /** The apiVersion, e.g. {@code "0.0.1"}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** A copy of the canonical body: the leaf value, returned base64-encoded as {@code body}. */
  public byte[] body() {
    return body.clone();
  }

  /** {@code SHA-256(0x00 ‖ body)} (RFC 6962 §2.1). */
  public Hash leafHash() {
    return leafHash;
  }

  /** The entry UUID: the leaf hash as 64 lower-case hex digits (Rekor's {@code MerkleLeafHash}). */
  public String uuid() {
    return leafHash.hex();
  }

  /** The search-index keys, lower-cased, without duplicates, in Rekor's order. */
  public List<String> searchKeys() {
    return searchKeys;
  }

  /** A copy of the attestation to store with the entry, if the kind produces one. */
  public Optional<byte[]> attestation() {
    return attestation == null ? Optional.empty() : Optional.of(attestation.clone());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CanonicalEntry other
        && kind.equals(other.kind)
        && apiVersion.equals(other.apiVersion)
        && Arrays.equals(body, other.body)
        && searchKeys.equals(other.searchKeys)
        && Arrays.equals(attestation, other.attestation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, apiVersion, leafHash, searchKeys);
  }

  @Override
  public String toString() {
    return kind + " " + apiVersion + " " + leafHash.hex();
  }
}
