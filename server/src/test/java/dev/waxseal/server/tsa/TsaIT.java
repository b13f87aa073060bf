package dev.waxseal.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The timestamp authority over HTTP on the running server, and checked by an independent RFC 3161
 * client: OpenSSL makes the query ({@code openssl ts -query}) and verifies the reply against the
 * served chain ({@code openssl ts -verify}). OpenSSL is required: the test fails without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TsaIT extends PostgresIntegrationTest {
  private static final String OPENSSL = "/usr/bin/openssl";

  @LocalServerPort int port;
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> post(byte[] body, String contentType) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/timestamp"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> certChain() throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/timestamp/certchain"))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs OpenSSL; returns exit code and combined output. */
  private Result openssl(String... args) throws Exception {
    assertThat(new File(OPENSSL).canExecute())
        .as("OpenSSL is required by this test at " + OPENSSL + " (apt-get install openssl)")
        .isTrue();
    List<String> command = new ArrayList<>(List.of(OPENSSL));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {}

  @Test
  void opensslQueryIsAnsweredAndTheReplyVerifiesWithOpenssl() throws Exception {
    Files.writeString(dir.resolve("artifact.txt"), "signed by waxseal's TSA\n");
    Result query =
        openssl("ts", "-query", "-data", "artifact.txt", "-sha256", "-cert", "-out", "req.tsq");
    assertThat(query.exit()).as(query.output()).isZero();

    HttpResponse<byte[]> reply =
        post(Files.readAllBytes(dir.resolve("req.tsq")), "application/timestamp-query");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
    Files.write(dir.resolve("resp.tsr"), reply.body());

    HttpResponse<String> chain = certChain();
    assertThat(chain.statusCode()).isEqualTo(200);
    assertThat(chain.headers().firstValue("Content-Type"))
        .hasValue("application/pem-certificate-chain");
    String pem = chain.body();
    int rootStart = pem.lastIndexOf("-----BEGIN CERTIFICATE-----");
    assertThat(rootStart).isPositive(); // leaf first, then the root
    Files.writeString(dir.resolve("root.pem"), pem.substring(rootStart));
    Files.writeString(dir.resolve("chain.pem"), pem);

    Result verify =
        openssl(
            "ts",
            "-verify",
            "-data",
            "artifact.txt",
            "-in",
            "resp.tsr",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "chain.pem");
    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Verification: OK");

    Result text = openssl("ts", "-reply", "-in", "resp.tsr", "-text");
    assertThat(text.exit()).as(text.output()).isZero();
    assertThat(text.output())
        .contains("Status: Granted.")
        .contains("Policy OID: 1.3.6.1.4.1.57264.2")
        .contains("Accuracy: 0x01 seconds")
        .contains("Ordering: no")
        .contains("Nonce: 0x");

    // The same reply does not verify for other data: the check above can fail.
    Files.writeString(dir.resolve("other.txt"), "something else\n");
    Result other =
        openssl(
            "ts",
            "-verify",
            "-data",
            "other.txt",
            "-in",
            "resp.tsr",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "chain.pem");
    assertThat(other.exit()).isNotZero();
    assertThat(other.output()).contains("Verification: FAILED");
  }

  @Test
  void bouncyCastleRequestWithNonceIsGranted() throws Exception {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    byte[] digest =
        MessageDigest.getInstance("SHA-384").digest("x".getBytes(StandardCharsets.UTF_8));
    TimeStampRequest request =
        generator.generate(TSPAlgorithms.SHA384, digest, java.math.BigInteger.valueOf(7));

    HttpResponse<byte[]> reply = post(request.getEncoded(), "application/timestamp-query");

    assertThat(reply.statusCode()).isEqualTo(200);
    TimeStampResponse response = new TimeStampResponse(reply.body());
    response.validate(request);
    assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce())
        .isEqualTo(java.math.BigInteger.valueOf(7));
  }

  @Test
  void refusalsCarryTimestampAuthorityJsonErrors() throws Exception {
    byte[] sha1Request =
        new TimeStampRequestGenerator()
            .generate(OIWObjectIdentifiers.idSHA1, new byte[20])
            .getEncoded();
    HttpResponse<byte[]> weak = post(sha1Request, "application/timestamp-query");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(new String(weak.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":400,\"message\":\"Weak hash algorithm in timestamp request\"}");

    HttpResponse<byte[]> text = post("hello".getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(text.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"code\":415,\"message\":\"unsupported media type \\\"text/plain\\\", only"
                + " [application/timestamp-query application/json] are allowed\"}");

    HttpResponse<byte[]> garbage =
        post("hello".getBytes(StandardCharsets.UTF_8), "application/timestamp-query");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(new String(garbage.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":400,\"message\":\"Error generating timestamp response\"}");

    HttpResponse<byte[]> json =
        post(
            "{\"artifactHash\":\"AAAA\",\"hashAlgorithm\":\"sha256\"}"
                .getBytes(StandardCharsets.UTF_8),
            "application/json");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(new String(json.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"code\":400,\"message\":\"Message digest has incorrect length for specified"
                + " algorithm\"}");
  }
}
