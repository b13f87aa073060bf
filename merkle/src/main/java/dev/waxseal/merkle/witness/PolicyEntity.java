package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.NoteKeys;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A log or a witness named in a policy file: its Ed25519 public key and optional URL; witnesses
 * also have a name, local to the policy file (for {@code group} lines and messages).
 *
 * <p>Immutable, with value equality. The name is not the witness's key name: the key name comes
 * from each cosignature line, and the key id binds it to the key.
 */
public final class PolicyEntity {
  private final String name;
  private final byte[] publicKey;
  private final String url;

  PolicyEntity(String name, byte[] publicKey, String url) {
    if (publicKey.length != NoteKeys.ED25519_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 public key is "
              + publicKey.length
              + " bytes, want "
              + NoteKeys.ED25519_KEY_SIZE);
    }
    this.name = name;
    this.publicKey = publicKey.clone();
    this.url = url;
  }

  /** The policy-local name of a witness; empty for a log. */
  public String name() {
    return name;
  }

  /** A copy of the raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key in lower-case hex, as in the policy file. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(publicKey);
  }

  /** The URL from the policy line, if any (a witness's submission prefix, a log's base URL). */
  public Optional<String> url() {
    return url.isEmpty() ? Optional.empty() : Optional.of(url);
  }

  /** A verifier for this witness's cosignatures under the key name {@code keyName}. */
  public CosignatureVerifier verifier(String keyName) {
    return CosignatureVerifier.of(keyName, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyEntity other
        && name.equals(other.name)
        && url.equals(other.url)
        && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + url.hashCode()) * 31 + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return (name.isEmpty() ? "log" : name)
        + " "
        + publicKeyHex()
        + (url.isEmpty() ? "" : " " + url);
  }
}
