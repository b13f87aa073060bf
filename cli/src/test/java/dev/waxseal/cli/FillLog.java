package dev.waxseal.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a Waxseal for the scan-rate benchmark with entries like Fulcio-signed ones: hashedrekord
 * 0.0.1 whose key is a certificate with an email SAN ({@code user<i>@bench.waxseal.test}) and the
 * OIDC issuer extension, so the monitor parses a certificate and matches identities per entry.
 *
 * <p>Run from the test classpath (BouncyCastle builds the certificates):
 *
 * <pre>{@code
 * java -cp cli/target/test-classes:$(cat cp.txt) dev.waxseal.cli.FillLog \
 *     http://127.0.0.1:3000 1000000 64 200
 * }</pre>
 *
 * <p>Arguments: log URL, entries, requests in flight, distinct identities (signers).
 */
public final class FillLog {
  static final String ISSUER = "https://accounts.bench.waxseal.test";

  private FillLog() {}

  /** The email of bench identity {@code i}. */
  static String email(int i) {
    return "user" + i + "@bench.waxseal.test";
  }

  public static void main(String[] args) throws Exception {
    URI log = URI.create(args[0]);
    long count = Long.parseLong(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    int signers = Integer.parseInt(args[3]);
    List<Identities.Identity> identities = new ArrayList<>();
    for (int i = 0; i < signers; i++) {
      identities.add(Identities.of(email(i), ISSUER, 30L * 24 * 3600 * 1000));
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long started = System.nanoTime();
    String run = Long.toHexString(System.nanoTime());
    for (long i = 0; i < count; i++) {
      Identities.Identity who = identities.get((int) (i % signers));
      byte[] artifact = ("waxseal bench " + run + " " + i).getBytes(StandardCharsets.UTF_8);
      String request = HashedRekords.request(artifact, who.keys().getPrivate(), who.pem());
      inFlight.acquire();
      CompletableFuture<HttpResponse<String>> sent =
          http.sendAsync(
              HttpRequest.newBuilder(log.resolve("/api/v1/log/entries"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(request))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      sent.whenComplete(
          (response, error) -> {
            inFlight.release();
            if (error != null || response.statusCode() != 201) {
              if (failed.incrementAndGet() <= 5) {
                System.out.println(
                    "failed: " + (error != null ? error : response.statusCode() + response.body()));
              }
            }
            long n = done.incrementAndGet();
            if (n % 20000 == 0) {
              System.out.printf(
                  "%d appended, %.0f/s%n", n, n / ((System.nanoTime() - started) / 1e9));
            }
          });
    }
    inFlight.acquire(concurrency);
    System.out.printf(
        "appended %d (%d failed) in %.1f s%n",
        done.get(), failed.get(), (System.nanoTime() - started) / 1e9);
  }
}
