import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.security.*;
import java.security.spec.ECGenParameterSpec;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

/** Logs N entries on a Waxseal v1 API (8 at a time): hashedrekord, every fifth a rekord (x509). */
public class Load {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    int n = Integer.parseInt(args[1]);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    String pemB64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger failed = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int idx = i;
      fs.add(pool.submit(() -> {
        try {
          byte[] data = ("load artifact " + idx + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initSign(key.getPrivate());
          s.update(data);
          String sig = Base64.getEncoder().encodeToString(s.sign());
          String body;
          if (idx % 5 == 0) {
            body = "{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{\"format\":\"x509\",\"content\":\"" + sig + "\",\"publicKey\":{\"content\":\"" + pemB64 + "\"}},\"data\":{\"content\":\"" + Base64.getEncoder().encodeToString(data) + "\"}}}";
          } else {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            body = "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{\"content\":\"" + sig + "\",\"publicKey\":{\"content\":\"" + pemB64 + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + hex + "\"}}}}";
          }
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/log/entries")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 201) { if (failed.incrementAndGet() < 3) System.err.println(r.statusCode() + " " + r.body()); }
        } catch (Exception e) { failed.incrementAndGet(); System.err.println(e); }
      }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    System.out.println("logged " + (n - failed.get()) + " of " + n);
  }
}
