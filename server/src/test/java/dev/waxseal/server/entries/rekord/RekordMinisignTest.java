package dev.waxseal.server.entries.rekord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rekord 0.0.1 with minisign signatures made here in minisign's own format: legacy {@code Ed} (pure
 * Ed25519 over the content) and the default {@code ED} (over its BLAKE2b-512), plus signify.
 */
public class RekordMinisignTest {
  private static final byte[] KEY_ID = {1, 2, 3, 4, 5, 6, 7, 8};

  static byte[] rawKey(KeyPair keys) throws Exception {
    return ((Ed25519PublicKeyParameters) PublicKeyFactory.createKey(keys.getPublic().getEncoded()))
        .getEncoded();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Algorithm ‖ key id ‖ signature over the content (or its BLAKE2b-512 for {@code ED}). */
  public static byte[] signatureLine(KeyPair keys, String algorithm, byte[] data) {
    byte[] message = data;
    if (algorithm.equals("ED")) {
      Blake2bDigest blake = new Blake2bDigest(512);
      blake.update(data, 0, data.length);
      message = new byte[64];
      blake.doFinal(message, 0);
    }
    return concat(
        algorithm.getBytes(StandardCharsets.US_ASCII),
        KEY_ID,
        Signers.sign(keys, Kind.ED25519, message));
  }

  public static byte[] keyFile(KeyPair keys) throws Exception {
    return ("untrusted comment: minisign public key 0807060504030201\n" + b64(keyLine(keys)) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] keyLine(KeyPair keys) throws Exception {
    return concat("Ed".getBytes(StandardCharsets.US_ASCII), KEY_ID, rawKey(keys));
  }

  public static byte[] signatureFile(byte[] line, KeyPair keys) {
    byte[] global = Signers.sign(keys, Kind.ED25519, concat(new byte[64], "x".getBytes()));
    return ("untrusted comment: signature from minisign secret key\n"
            + b64(line)
            + "\ntrusted comment: timestamp:1760000000\tfile:artifact\n"
            + b64(global)
            + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Ed", "ED"})
  void acceptsMinisignSignatures(String algorithm) throws Exception {
    KeyPair keys = Signers.keyPair(Kind.ED25519, "minisign");
    byte[] line = signatureLine(keys, algorithm, Rekords.ARTIFACT);

    CanonicalEntry entry =
        Rekords.canonicalize("minisign", signatureFile(line, keys), keyFile(keys));

    byte[] canonicalKey = b64(keyLine(keys)).getBytes(StandardCharsets.US_ASCII);
    byte[] canonicalSignature =
        ("untrusted comment:\n" + b64(line)).getBytes(StandardCharsets.US_ASCII);
    assertThat(Rekords.text(entry))
        .isEqualTo(Rekords.body("minisign", canonicalSignature, canonicalKey, Rekords.ARTIFACT));
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(canonicalKey), "sha256:" + Signers.sha256Hex(Rekords.ARTIFACT));
  }

  @Test
  void acceptsSignifyAndABase64KeyLine() throws Exception {
    KeyPair keys = Signers.keyPair(Kind.ED25519, "minisign");
    byte[] line = signatureLine(keys, "Ed", Rekords.ARTIFACT);
    byte[] signify =
        ("untrusted comment: verify with key.pub\n" + b64(line) + "\n")
            .getBytes(StandardCharsets.US_ASCII);

    CanonicalEntry entry =
        Rekords.canonicalize(
            "minisign", signify, b64(keyLine(keys)).getBytes(StandardCharsets.US_ASCII));

    assertThat(Rekords.text(entry)).contains("\"format\":\"minisign\"");
  }

  private static void assertInvalid(byte[] signature, byte[] key, Reason reason, String message) {
    assertThatThrownBy(() -> Rekords.canonicalize("minisign", signature, key))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @Test
  void rejectsTamperedAndMalformedInput() throws Exception {
    KeyPair keys = Signers.keyPair(Kind.ED25519, "minisign");
    byte[] tampered = signatureLine(keys, "ED", "other".getBytes(StandardCharsets.UTF_8));
    assertInvalid(
        signatureFile(tampered, keys),
        keyFile(keys),
        Reason.INVALID_SIGNATURE,
        "failed to verify signature");
    assertInvalid(
        "one line only".getBytes(StandardCharsets.US_ASCII),
        keyFile(keys),
        Reason.INVALID_SIGNATURE,
        "invalid signature provided: 1 lines detected");
    assertInvalid(
        "c\nAAAA\n".getBytes(StandardCharsets.US_ASCII),
        keyFile(keys),
        Reason.INVALID_SIGNATURE,
        "invalid signature provided: incorrect size 3 detected");
    assertInvalid(
        signatureFile(signatureLine(keys, "Ed", Rekords.ARTIFACT), keys),
        "not a key".getBytes(StandardCharsets.US_ASCII),
        Reason.INVALID_PUBLIC_KEY,
        "unable to read minisign public key: Invalid encoded public key (send the .pub file or"
            + " its base64 line)");
  }
}
