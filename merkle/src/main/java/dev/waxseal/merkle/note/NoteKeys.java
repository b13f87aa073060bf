package dev.waxseal.merkle.note;

import dev.waxseal.merkle.Rfc6962;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Key names and 32-bit key ids for both checkpoint dialects, and the Rekor v1 origin.
 *
 * <pre>
 * dialect   key name            key id (big-endian uint32)
 * Rekor v1  host                SHA-256(DER SPKI)[:4], every key type        {@link #spkiKeyId}
 * C2SP      origin              SHA-256(name ‖ 0x0A ‖ 0x01 ‖ raw key)[:4]    {@link #ed25519KeyId}
 *   ECDSA   origin              SHA-256(DER SPKI)[:4] (type 0x02)            {@link #spkiKeyId}
 * </pre>
 *
 * <p>See C2SP signed-note ("Signatures", "Signature types") and Rekor {@code
 * pkg/util/signed_note.go}. Only SHA-256 is computed here; no key is parsed.
 */
public final class NoteKeys {
  /** C2SP signature type byte for Ed25519 signatures over the note text. */
  public static final byte ED25519 = 0x01;

  /** C2SP signature type byte for ECDSA signatures (key id = SHA-256(DER SPKI)[:4]). */
  public static final byte ECDSA = 0x02;

  /** C2SP signature type byte for timestamped Ed25519 witness cosignatures (tlog-cosignature). */
  public static final byte ED25519_COSIGNATURE = 0x04;

  /** The length of a raw Ed25519 public key (RFC 8032). */
  public static final int ED25519_KEY_SIZE = 32;

  private NoteKeys() {}

  /**
   * Returns the key id {@code SHA-256(spkiDer)[:4]}: Rekor v1's key hint for every key type, and
   * C2SP's key id for ECDSA (signature type 0x02).
   *
   * <p>The public-good Rekor key gives {@code c0d23d6a}.
   *
   * @throws IllegalArgumentException if {@code spkiDer} does not start like a DER SEQUENCE (a raw
   *     key was passed by mistake)
   */
  public static int spkiKeyId(byte[] spkiDer) {
    if (spkiDer.length < 2 || spkiDer[0] != 0x30) {
      throw new IllegalArgumentException("public key is not a DER SubjectPublicKeyInfo SEQUENCE");
    }
    return first4(Rfc6962.sha256(spkiDer));
  }

  /**
   * Returns the C2SP Ed25519 key id {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ rawKey)[:4]}.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid key name or {@code rawKey} is
   *     not 32 bytes
   */
  public static int ed25519KeyId(String name, byte[] rawKey) {
    if (rawKey.length != ED25519_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 public key is " + rawKey.length + " bytes, want " + ED25519_KEY_SIZE);
    }
    return keyId(name, ED25519, rawKey);
  }

  /**
   * Returns the C2SP recommended key id {@code SHA-256(name ‖ 0x0A ‖ signatureType ‖
   * publicKey)[:4]}, for signature types whose key id follows that rule (0x01, 0x04).
   *
   * @throws IllegalArgumentException if {@code name} is not a valid key name
   */
  public static int keyId(String name, byte signatureType, byte[] publicKey) {
    requireValidKeyName(name);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    input.write('\n');
    input.write(signatureType);
    input.writeBytes(publicKey);
    return first4(Rfc6962.sha256(input.toByteArray()));
  }

  /** Formats a key id as 8 lower-case hex digits, as in a vkey. */
  public static String keyIdHex(int keyId) {
    return String.format("%08x", keyId);
  }

  /**
   * Checks that {@code name} is a valid key name: non-empty, no Unicode space, no {@code +}, no
   * control character (C2SP signed-note "Format").
   *
   * @throws IllegalArgumentException naming the rule, if it is not
   */
  public static void requireValidKeyName(String name) {
    String problem = keyNameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Returns the Rekor v1 checkpoint origin {@code "<host> - <treeId>"}, e.g. {@code
   * "rekor.sigstore.dev - 2605736670972794746"} (Rekor {@code pkg/util/checkpoint.go}).
   *
   * @throws IllegalArgumentException if {@code host} is not a valid key name or {@code treeId} is
   *     negative
   */
  public static String rekorOrigin(String host, long treeId) {
    requireValidKeyName(host);
    if (treeId < 0) {
      throw new IllegalArgumentException("tree id " + treeId + " is negative");
    }
    return host + " - " + treeId;
  }

  /**
   * Returns the Rekor v1 key name for a log served at {@code host}: the host itself, unlike C2SP
   * where the key name is the origin.
   *
   * @throws IllegalArgumentException if {@code host} is empty or has a space or {@code +}
   */
  public static String rekorKeyName(String host) {
    requireValidKeyName(host);
    return host;
  }

  /** Returns what is wrong with {@code name} as a key name, or {@code null} if it is valid. */
  static @Nullable String keyNameProblem(String name) {
    if (name.isEmpty()) {
      return "empty key name";
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '+') {
        return "key name \"" + name + "\" contains '+'";
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85) {
        return "key name \"" + name + "\" contains a space";
      }
      if (Character.isISOControl(c)) {
        return "key name contains control character " + codePoint(c);
      }
      if (Character.isSurrogate((char) c)) {
        return "key name contains an unpaired surrogate";
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** Formats a code point as {@code U+0009}. */
  static String codePoint(int c) {
    return String.format("U+%04X", c);
  }

  private static int first4(byte[] digest) {
    return ((digest[0] & 0xff) << 24)
        | ((digest[1] & 0xff) << 16)
        | ((digest[2] & 0xff) << 8)
        | (digest[3] & 0xff);
  }
}
