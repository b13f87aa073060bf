package dev.waxseal.server.entries.rekord;

import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidKey;
import static dev.waxseal.server.entries.rekord.SignatureFormat.invalidSignature;

import dev.waxseal.server.entries.pki.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * {@code minisign}: minisign (and signify) Ed25519 signatures, as Rekor's {@code pkg/pki/minisign}
 * with {@code jedisct1/go-minisign}.
 *
 * <p>Signature: minisign's four lines (untrusted comment, base64 of algorithm ‖ key id ‖ signature,
 * trusted comment, global signature) or signify's two; algorithm {@code ED} means the content is
 * pre-hashed with BLAKE2b-512. The trusted comment's global signature is not checked, nor the key
 * id, as in Rekor. Canonical signature: {@code "untrusted comment:\n"} and the base64 of algorithm
 * ‖ key id ‖ signature; canonical key: base64 of algorithm ‖ key id ‖ key.
 */
final class MinisignFormat implements SignatureFormat {
  private static final int SIGNATURE_LINE = 74;
  private static final int KEY_LINE = 42;

  @Override
  public String name() {
    return "minisign";
  }

  @Override
  public byte[] canonicalKey(byte[] publicKey) {
    return Base64.getEncoder()
        .encodeToString(decodeKey(publicKey))
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Verified verify(byte[] publicKey, byte[] signature, byte[] data) {
    byte[] sig = decodeSignature(new String(signature, StandardCharsets.UTF_8));
    byte[] key = decodeKey(publicKey);
    byte[] message = data;
    if (sig[1] == 'D') {
      Blake2bDigest blake = new Blake2bDigest(512);
      blake.update(data, 0, data.length);
      message = new byte[64];
      blake.doFinal(message, 0);
    }
    Ed25519PublicKeyParameters ed = new Ed25519PublicKeyParameters(key, 10);
    if (!ed.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, sig, 10)) {
      throw invalidSignature("failed to verify signature");
    }
    byte[] canonicalSignature =
        ("untrusted comment:\n" + Base64.getEncoder().encodeToString(sig))
            .getBytes(StandardCharsets.US_ASCII);
    byte[] canonicalKey =
        Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII);
    return new Verified(canonicalKey, canonicalSignature, List.of());
  }

  /** Algorithm ‖ key id ‖ signature (74 bytes), from minisign's or signify's format. */
  private static byte[] decodeSignature(String text) {
    String[] lines = text.split("\n", 4);
    if (lines.length == 4) {
      Optional<byte[]> first = GoJson.stdBase64(lines[1]).filter(b -> b.length == SIGNATURE_LINE);
      Optional<byte[]> global = GoJson.stdBase64(lines[3]).filter(b -> b.length == 64);
      if (first.isPresent() && global.isPresent()) {
        return first.get();
      }
    }
    String trimmed = text;
    while (trimmed.endsWith("\n")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String[] signify = trimmed.split("\n", -1);
    if (signify.length != 2) {
      throw invalidSignature("invalid signature provided: " + signify.length + " lines detected");
    }
    byte[] bytes =
        GoJson.stdBase64(signify[1])
            .orElseThrow(
                () -> invalidSignature("invalid signature provided: base64 decoding failed"));
    if (bytes.length != SIGNATURE_LINE) {
      throw invalidSignature(
          "invalid signature provided: incorrect size " + bytes.length + " detected");
    }
    return bytes;
  }

  /** Algorithm ‖ key id ‖ key (42 bytes): the key file, its base64 line, or a raw legacy key. */
  private static byte[] decodeKey(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", 2);
    if (lines.length == 2) {
      Optional<byte[]> key = GoJson.stdBase64(lines[1]).filter(b -> b.length == KEY_LINE);
      if (key.isPresent()) {
        return key.get();
      }
    }
    Optional<byte[]> key = GoJson.stdBase64(text).filter(b -> b.length == KEY_LINE);
    if (key.isPresent()) {
      return key.get();
    }
    if (text.length() == 32 && input.length == 32) {
      byte[] legacy = new byte[KEY_LINE];
      legacy[0] = 'E';
      legacy[1] = 'd';
      System.arraycopy(input, 0, legacy, 10, 32);
      return legacy;
    }
    throw invalidKey(
        "unable to read minisign public key: Invalid encoded public key (send the .pub file or"
            + " its base64 line)");
  }
}
