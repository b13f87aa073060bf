package dev.waxseal.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends hashedrekord 0.0.1 entries to a Rekor v1 API over HTTP: a signature over a fresh artifact
 * with a P-256 key, the key given as a PEM public key or certificate.
 *
 * <p>JDK only, so it also runs as a single-file program to fill a log for the benchmark:
 *
 * <pre>{@code
 * java cli/src/test/java/dev/waxseal/cli/HashedRekords.java http://127.0.0.1:3000 100000 32
 * }</pre>
 */
public final class HashedRekords {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HashedRekords() {}

  /** A fresh P-256 key pair. */
  public static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The PEM of a public key. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The proposed entry: {@code artifact} signed by {@code key}, verifiable with {@code pem}. */
  public static String request(byte[] artifact, PrivateKey key, String pem) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(artifact);
    String signature = Base64.getEncoder().encodeToString(signer.sign());
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
    String publicKey = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{"
        + "\"signature\":{\"content\":\""
        + signature
        + "\",\"publicKey\":{\"content\":\""
        + publicKey
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + digest
        + "\"}}}}";
  }

  /** POSTs one entry and returns the HTTP status and body. */
  public static HttpResponse<String> post(URI log, String request) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(log.resolve("/api/v1/log/entries"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Appends one entry and fails unless the log answers 201. */
  public static void append(URI log, byte[] artifact, PrivateKey key, String pem) throws Exception {
    HttpResponse<String> response = post(log, request(artifact, key, pem));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "append answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Fills a log: {@code args} = URL, count, concurrency. */
  public static void main(String[] args) throws Exception {
    URI log = URI.create(args[0]);
    long count = Long.parseLong(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    KeyPair pair = p256();
    String pem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long started = System.nanoTime();
    String run = Long.toHexString(System.nanoTime());
    List<CompletableFuture<?>> last = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      byte[] artifact = ("waxseal bench " + run + " " + i).getBytes(StandardCharsets.UTF_8);
      String request = request(artifact, pair.getPrivate(), pem);
      inFlight.acquire();
      CompletableFuture<?> future =
          HTTP.sendAsync(
                  HttpRequest.newBuilder(log.resolve("/api/v1/log/entries"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(request))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) -> {
                    inFlight.release();
                    if (error != null || response.statusCode() != 201) {
                      failed.incrementAndGet();
                    }
                    long n = done.incrementAndGet();
                    if (n % 10000 == 0) {
                      System.out.printf(
                          "%d appended, %.0f/s%n", n, n / ((System.nanoTime() - started) / 1e9));
                    }
                  });
      if (count - i <= concurrency) {
        last.add(future);
      }
    }
    CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).join();
    inFlight.acquire(concurrency);
    System.out.printf(
        "appended %d (%d failed) in %.1f s%n",
        done.get(), failed.get(), (System.nanoTime() - started) / 1e9);
  }
}
