package dev.waxseal.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Unique, validly signed hashedrekord 0.0.1 proposed entries, as a client makes them: a random
 * SHA-256 digest signed prehashed with one of a few ECDSA P-256 keys (JDK {@code NONEwithECDSA}
 * over the 32 digest bytes, DER signature), the key sent as base64 of its PEM.
 */
final class HashedRekords {
  private HashedRekords() {}

  /**
   * Makes {@code count} request bodies (UTF-8 JSON), in parallel: Rekor v1 proposed entries, or
   * with {@code v2} Rekor v2 {@code hashedRekordRequestV002} bodies (raw digest, DER public key,
   * {@code PKIX_ECDSA_P256_SHA_256}).
   *
   * @param keys how many distinct signing keys to spread the entries over
   * @param seed the digests' seed; a new seed gives new entries (the same seed against the same log
   *     gives 409s)
   */
  static List<byte[]> generate(int count, int keys, long seed, boolean v2)
      throws GeneralSecurityException {
    List<KeyPair> pairs = new ArrayList<>(keys);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    List<String> pems = new ArrayList<>(keys);
    for (int i = 0; i < keys; i++) {
      KeyPair pair = generator.generateKeyPair();
      pairs.add(pair);
      pems.add(base64(pem(pair.getPublic().getEncoded())));
    }
    byte[][] bodies = new byte[count][];
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              byte[] digest = new byte[32];
              new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1))).nextBytes(digest);
              int key = i % keys;
              byte[] signature = sign(pairs.get(key), digest);
              bodies[i] =
                  v2
                      ? bodyV2(signature, pairs.get(key).getPublic().getEncoded(), digest)
                      : body(signature, pems.get(key), digest);
            });
    return List.of(bodies);
  }

  private static byte[] sign(KeyPair pair, byte[] digest) {
    try {
      Signature signature = Signature.getInstance("NONEwithECDSA");
      signature.initSign(pair.getPrivate());
      signature.update(digest);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a digest with a generated P-256 key", e);
    }
  }

  /** The proposed entry; base64 and hex need no JSON escaping. */
  static byte[] body(byte[] signature, String publicKeyPemBase64, byte[] digest) {
    String json =
        "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{\"content\":\""
            + base64(signature)
            + "\",\"publicKey\":{\"content\":\""
            + publicKeyPemBase64
            + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
            + HexFormat.of().formatHex(digest)
            + "\"}}}}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** The Rekor v2 create request; base64 needs no JSON escaping. */
  static byte[] bodyV2(byte[] signature, byte[] spki, byte[] digest) {
    String json =
        "{\"hashedRekordRequestV002\":{\"digest\":\""
            + base64(digest)
            + "\",\"signature\":{\"content\":\""
            + base64(signature)
            + "\",\"verifier\":{\"publicKey\":{\"rawBytes\":\""
            + base64(spki)
            + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}}}}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** A PEM {@code PUBLIC KEY} block of a DER SubjectPublicKeyInfo. */
  static String pem(byte[] spki) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.US_ASCII));
  }
}
