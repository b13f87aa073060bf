package dev.waxseal.server.lifecycle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Logs real hashedrekord and rekord (x509) entries (ECDSA P-256, JDK crypto) on a running server's
 * v1 API.
 */
final class TestEntries {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final KeyPair key;
  private final SecureRandom random;

  /** Entries signed by one key generated from {@code seed}. */
  TestEntries(long seed) throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    key = generator.generateKeyPair();
  }

  /** The proposed entry for {@code artifact}. */
  String request(String artifact) throws Exception {
    byte[] data = artifact.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{"
        + "\"content\":\""
        + b64.encodeToString(sign(data))
        + "\",\"publicKey\":{\"content\":\""
        + b64.encodeToString(publicKeyPem())
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + sha256(artifact)
        + "\"}}}}";
  }

  /**
   * A rekord (x509) for {@code artifact}: its stored body keeps the key and the artifact's hash but
   * not the artifact, so its search keys must be derived from the body on import.
   */
  String rekordRequest(String artifact) throws Exception {
    byte[] data = artifact.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{"
        + "\"format\":\"x509\",\"content\":\""
        + b64.encodeToString(sign(data))
        + "\",\"publicKey\":{\"content\":\""
        + b64.encodeToString(publicKeyPem())
        + "\"}},\"data\":{\"content\":\""
        + b64.encodeToString(data)
        + "\"}}}";
  }

  /** This signer's public key, PEM, as sent in entries and index searches. */
  byte[] publicKeyPem() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return pem.getBytes(StandardCharsets.US_ASCII);
  }

  static String sha256(String artifact) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(artifact.getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] sign(byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate(), random);
    signer.update(data);
    return signer.sign();
  }

  /** POSTs an entry for {@code artifact} to {@code base}; returns the status code. */
  int log(URI base, String artifact) throws Exception {
    return post(base, "/api/v1/log/entries", request(artifact));
  }

  /** POSTs a JSON {@code body} to {@code path} of {@code base}; returns the status code. */
  static int post(URI base, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
