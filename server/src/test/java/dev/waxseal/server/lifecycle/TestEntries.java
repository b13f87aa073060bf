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

/** Logs real hashedrekord entries (ECDSA P-256, JDK crypto) on a running server's v1 API. */
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
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate(), random);
    signer.update(data);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{"
        + "\"content\":\""
        + b64.encodeToString(signer.sign())
        + "\",\"publicKey\":{\"content\":\""
        + b64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII))
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + hex
        + "\"}}}}";
  }

  /** POSTs an entry for {@code artifact} to {@code base}; returns the status code. */
  int log(URI base, String artifact) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/v1/log/entries"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request(artifact)))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
