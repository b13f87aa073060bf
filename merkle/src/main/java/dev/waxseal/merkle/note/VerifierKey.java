package dev.waxseal.merkle.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A note verifier key in the C2SP "vkey" text form: {@code <name>+<8 hex key id>+<base64(signature
 * type ‖ public key)>}, e.g. {@code example.com/log/testdata+33d7b496+AeHTu4Q3…}.
 *
 * <p>This is how a C2SP log publishes its key, and how witnesses and clients are configured. The
 * key id is always recomputed from the name and key and must match the one written. Supported
 * signature types:
 *
 * <ul>
 *   <li>{@link NoteKeys#ED25519} (0x01) and {@link NoteKeys#ED25519_COSIGNATURE} (0x04): a raw
 *       32-byte Ed25519 key, key id {@code SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]};
 *   <li>{@link NoteKeys#ECDSA} (0x02): a DER SubjectPublicKeyInfo, key id {@code
 *       SHA-256(SPKI)[:4]}.
 * </ul>
 *
 * <p>Immutable, with value equality. Turning it into a {@link NoteVerifier} is the caller's job
 * (the merkle module holds no cryptography).
 */
public final class VerifierKey {
  private final String name;
  private final int keyId;
  private final byte signatureType;
  private final byte[] publicKey;

  private VerifierKey(String name, int keyId, byte signatureType, byte[] publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.signatureType = signatureType;
    this.publicKey = publicKey;
  }

  /**
   * The vkey of a C2SP Ed25519 note key (signature type 0x01).
   *
   * @throws IllegalArgumentException if {@code name} is not a valid key name or {@code rawKey} is
   *     not 32 bytes
   */
  public static VerifierKey ed25519(String name, byte[] rawKey) {
    return new VerifierKey(
        name, NoteKeys.ed25519KeyId(name, rawKey), NoteKeys.ED25519, rawKey.clone());
  }

  /**
   * The vkey of an ECDSA note key (signature type 0x02), given its DER SubjectPublicKeyInfo.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid key name or {@code spkiDer} is
   *     not a DER SEQUENCE
   */
  public static VerifierKey ecdsa(String name, byte[] spkiDer) {
    NoteKeys.requireValidKeyName(name);
    return new VerifierKey(name, NoteKeys.spkiKeyId(spkiDer), NoteKeys.ECDSA, spkiDer.clone());
  }

  /**
   * Parses a vkey strictly, and checks that its key id matches its name and key.
   *
   * @throws NoteFormatException naming the rule: missing {@code +}, invalid key name, key id not 8
   *     lower-case hex digits, key not canonical base64, unsupported signature type, wrong key
   *     length, or key id mismatch
   */
  public static VerifierKey parse(String vkey) {
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new NoteFormatException("vkey is not <name>+<key id>+<key>");
    }
    String name = vkey.substring(0, plus1);
    String problem = NoteKeys.keyNameProblem(name);
    if (problem != null) {
      throw new NoteFormatException("vkey " + problem);
    }
    String hex = vkey.substring(plus1 + 1, plus2);
    if (!hex.matches("[0-9a-f]{8}")) {
      throw new NoteFormatException("vkey key id \"" + hex + "\" is not 8 lower-case hex digits");
    }
    int written = HexFormat.fromHexDigits(hex);
    String base64 = vkey.substring(plus2 + 1);
    byte[] blob = SignedNote.decodeBase64(base64, "vkey key");
    SignedNote.requireCanonicalBase64(base64, blob, "vkey key");
    if (blob.length < 2) {
      throw new NoteFormatException("vkey key is " + blob.length + " bytes, want a type and a key");
    }
    VerifierKey key = fromTypeAndKey(name, blob[0], Arrays.copyOfRange(blob, 1, blob.length));
    if (key.keyId != written) {
      throw new NoteFormatException(
          "vkey key id " + hex + " does not match the key, want " + NoteKeys.keyIdHex(key.keyId));
    }
    return key;
  }

  private static VerifierKey fromTypeAndKey(String name, byte type, byte[] key) {
    switch (type) {
      case NoteKeys.ED25519, NoteKeys.ED25519_COSIGNATURE -> {
        if (key.length != NoteKeys.ED25519_KEY_SIZE) {
          throw new NoteFormatException(
              "vkey Ed25519 key is " + key.length + " bytes, want " + NoteKeys.ED25519_KEY_SIZE);
        }
        return new VerifierKey(name, NoteKeys.keyId(name, type, key), type, key);
      }
      case NoteKeys.ECDSA -> {
        if (key[0] != 0x30) {
          throw new NoteFormatException("vkey ECDSA key is not a DER SubjectPublicKeyInfo");
        }
        return new VerifierKey(name, NoteKeys.spkiKeyId(key), type, key);
      }
      default ->
          throw new NoteFormatException(
              String.format(
                  "vkey signature type 0x%02x is not supported, want 0x01, 0x02 or 0x04", type));
    }
  }

  /** The key name, as on signature lines. */
  public String name() {
    return name;
  }

  /** The 32-bit key id, as on signature lines. */
  public int keyId() {
    return keyId;
  }

  /** The C2SP signature type byte: {@link NoteKeys#ED25519}, {@code ECDSA} or cosignature. */
  public byte signatureType() {
    return signatureType;
  }

  /** A copy of the public key: raw 32 bytes for Ed25519, DER SubjectPublicKeyInfo for ECDSA. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The vkey text, {@code <name>+<8 hex key id>+<base64(type ‖ key)>}. */
  public String format() {
    byte[] blob = new byte[1 + publicKey.length];
    blob[0] = signatureType;
    System.arraycopy(publicKey, 0, blob, 1, publicKey.length);
    return name + "+" + NoteKeys.keyIdHex(keyId) + "+" + Base64.getEncoder().encodeToString(blob);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey other
        && name.equals(other.name)
        && keyId == other.keyId
        && signatureType == other.signatureType
        && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(publicKey);
  }

  /** The vkey text. */
  @Override
  public String toString() {
    return format();
  }
}
