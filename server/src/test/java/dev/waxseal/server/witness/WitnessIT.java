package dev.waxseal.server.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.Cosignature;
import dev.waxseal.merkle.witness.CosignatureVerifier;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import dev.waxseal.server.testing.TemporaryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Witness mode over HTTP on a real PostgreSQL: cosignatures verified with merkle, the rejection
 * table (status and body for every rule of C2SP tlog-witness), the row lock under concurrent
 * requests, and the per-log rate limit. Each test uses its own log, so they share one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WitnessIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String WITNESS_NAME = "witness.test/w1";
  private static final int BURST = 24;

  private static final TestLog HAPPY = new TestLog("happy.example/log");
  private static final TestLog TABLE = new TestLog("table.example/log");
  private static final TestLog FRESH = new TestLog("fresh.example/log");
  private static final TestLog RACE = new TestLog("race.example/log");
  private static final TestLog LIMITED = new TestLog("limited.example/log");
  private static final TestLog IMPOSTOR = new TestLog("table.example/log", "impostor");

  private static Path dir = Path.of("");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void witnessMode(DynamicPropertyRegistry registry) {
    try {
      dir = Files.createTempDirectory("waxseal-witness-it");
      Path key = dir.resolve("witness.pem");
      PemKeyFiles.generate(SignatureAlgorithm.ED25519, key);
      StringBuilder logs = new StringBuilder("# logs this test witness cosigns\n");
      for (TestLog log : List.of(HAPPY, TABLE, FRESH, RACE, LIMITED)) {
        logs.append(log.origin).append(' ').append(log.vkey().format()).append('\n');
      }
      Path logsFile = Files.writeString(dir.resolve("logs"), logs);
      registry.add("waxseal.witness.key-file", key::toString);
      registry.add("waxseal.witness.logs-file", logsFile::toString);
      registry.add("waxseal.witness.name", () -> WITNESS_NAME);
      registry.add("waxseal.witness.requests-per-second", () -> "0.001");
      registry.add("waxseal.witness.burst", () -> String.valueOf(BURST));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void removeKeyDirectory() throws IOException {
    if (!dir.toString().isEmpty()) { // never the working directory, if the context never started
      TemporaryFiles.deleteRecursively(dir);
    }
  }

  @Test
  void cosignsAGrowingLogAndTheCosignaturesVerifyWithMerkle() throws Exception {
    CosignatureVerifier witness = witnessVerifier();
    assertThat(witness.keyName()).isEqualTo(WITNESS_NAME);

    for (long[] step : new long[][] {{0, 5}, {5, 9}, {9, 9}, {9, 300}}) {
      HttpResponse<String> response = post(HAPPY.request(step[0], step[1]));
      assertThat(response.statusCode()).as("%d -> %d", step[0], step[1]).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain;charset=utf-8");
      String note = HAPPY.checkpoint(step[1]);
      // the spec's client path: append the lines to the note and verify with the witness key
      SignedNote cosigned = SignedNote.parse(note + response.body());
      assertThat(cosigned.verify(List.of(witness))).hasSize(1);
      Cosignature cosignature = Cosignature.fromNoteSignature(cosigned.signatures().get(1));
      assertThat(cosignature.timestamp())
          .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);
    }
    // persisted: the row holds the latest checkpoint as sent
    assertThat(storedCheckpoint(HAPPY)).isEqualTo(HAPPY.checkpoint(300));
  }

  /** Every refusal, in the order the spec lists them, against a log the witness holds at size 8. */
  @Test
  void refusesEveryBadRequestWithTheSpecStatus() throws Exception {
    assertThat(post(TABLE.request(0, 8)).statusCode()).isEqualTo(200);
    Checkpoint at8 = Checkpoint.parse(SignedNote.parse(TABLE.checkpoint(8)).text());
    Checkpoint at12 = Checkpoint.parse(SignedNote.parse(TABLE.checkpoint(12)).text());
    List<Hash> proof = TABLE.proof(8, 12);
    List<Hash> flipped = new ArrayList<>(proof);
    byte[] first = flipped.get(0).bytes();
    first[0] ^= 1;
    flipped.set(0, Hash.of(first));
    String tamperedNote =
        TABLE.checkpoint(12).replace(at12.rootHash().base64(), at8.rootHash().base64());
    TestLog fork = TABLE.fork("fork");

    List<Row> table =
        List.of(
            row(
                "unknown origin",
                new TestLog("nobody.example/log").request(0, 3),
                404,
                "unknown log: this witness has no log with origin \"nobody.example/log\"\n"),
            row(
                "signed by an unknown key",
                IMPOSTOR.request(8, 12),
                403,
                "checkpoint signature does not verify with a key trusted for \"table.example/log\":"
                    + " no signature from a known key"),
            row(
                "bad signature by the log's key",
                TestLog.request(8, proof, tamperedNote),
                403,
                "checkpoint signature does not verify with a key trusted for \"table.example/log\":"
                    + " line 5: signature by table.example/log/"),
            row(
                "no blank line",
                "old 8\n" + TABLE.checkpoint(12).replace("\n\n", "\n"),
                400,
                "request body has no blank line"),
            row(
                "old size not canonical",
                "old 08\n\n" + TABLE.checkpoint(12),
                400,
                "line 1: old size \"08\" is not a decimal without sign or leading zero\n"),
            row(
                "proof line not a hash",
                "old 8\nAAAA\n\n" + TABLE.checkpoint(12),
                400,
                "line 2: proof hash is not 32 bytes in padded base64\n"),
            row(
                "checkpoint text malformed, validly signed",
                TestLog.request(
                    8,
                    List.of(),
                    SignedNote.sign(
                            "table.example/log\n08\n" + at8.rootHash().base64() + "\n",
                            List.of(TABLE.signer()))
                        .format()),
                400,
                "checkpoint text is malformed: line 2: tree size \"08\" has a leading zero\n"),
            row(
                "old size larger than checkpoint",
                TestLog.request(8, List.of(), TABLE.checkpoint(5)),
                400,
                "old size 8 is larger than the checkpoint size 5\n"),
            row(
                "size 0 with a non-empty root",
                TestLog.request(
                    0,
                    List.of(),
                    TABLE.signed(
                        new Checkpoint("table.example/log", 0, at8.rootHash(), List.of()))),
                422,
                "checkpoint of size 0 has a root other than the empty tree's\n"),
            row("rollback: old size behind the witness", TABLE.request(4, 10), 409, "8\n"),
            row("old size ahead of the witness", TABLE.request(10, 12), 409, "8\n"),
            row("client without state asks with old 0", TABLE.request(0, 12), 409, "8\n"),
            row(
                "fork: same size, other root",
                TestLog.request(8, List.of(), fork.checkpoint(8)),
                409,
                "8\n"),
            row(
                "fork: a consistent extension of another tree",
                fork.request(8, 12),
                422,
                "consistency proof from size 8 to 12 does not verify: "),
            row(
                "proof with a flipped bit",
                TestLog.request(8, flipped, TABLE.checkpoint(12)),
                422,
                "consistency proof from size 8 to 12 does not verify: "),
            row(
                "proof one hash short",
                TestLog.request(8, proof.subList(1, proof.size()), TABLE.checkpoint(12)),
                422,
                "consistency proof from size 8 to 12 does not verify: wrong proof size"),
            row(
                "proof between equal sizes",
                TestLog.request(8, proof, TABLE.checkpoint(8)),
                422,
                "consistency proof between equal sizes must be empty, got "
                    + proof.size()
                    + " hashes\n"),
            row(
                "proof from size 0",
                TestLog.request(0, TABLE.proof(3, 5), FRESH.checkpoint(5)),
                422,
                "consistency proof from size 0 must be empty, got "
                    + TABLE.proof(3, 5).size()
                    + " hashes\n"),
            row(
                "body over 64 KB",
                "old 8\n" + "A".repeat(70_000) + "\n\n" + TABLE.checkpoint(12),
                413,
                "request body is larger than 65536 bytes\n"));

    SoftAssertions softly = new SoftAssertions();
    StringBuilder report = new StringBuilder("witness rejection table:\n");
    for (Row row : table) {
      HttpResponse<String> response = post(row.body);
      report.append(
          String.format(
              "  %-45s %d %s%n", row.name, response.statusCode(), response.body().strip()));
      softly.assertThat(response.statusCode()).as(row.name).isEqualTo(row.status);
      softly.assertThat(response.body()).as(row.name).startsWith(row.bodyPrefix);
      if (row.status == 409) {
        softly
            .assertThat(response.headers().firstValue("Content-Type"))
            .as(row.name)
            .hasValue("text/x.tlog.size");
      }
    }
    System.out.print(report);
    softly.assertAll();

    // the refusals are counted by outcome
    String metrics = get("/actuator/prometheus").body();
    assertThat(counter(metrics, "conflict")).isGreaterThanOrEqualTo(4);
    assertThat(counter(metrics, "bad_proof")).isGreaterThanOrEqualTo(6);
    assertThat(counter(metrics, "unknown_log")).isGreaterThanOrEqualTo(1);

    // nothing above moved the witness: the honest next step still works, from 8
    assertThat(storedCheckpoint(TABLE)).isEqualTo(TABLE.checkpoint(8));
    assertThat(post(TABLE.request(8, 12)).statusCode()).isEqualTo(200);
    assertThat(storedCheckpoint(TABLE)).isEqualTo(TABLE.checkpoint(12));
  }

  @Test
  void concurrentRequestsSerializeOnTheRowLock() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(() -> post(RACE.request(0, 6)));
      }
      List<Integer> statuses = new ArrayList<>();
      List<String> conflicts = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        statuses.add(f.get().statusCode());
        if (f.get().statusCode() == 409) {
          conflicts.add(f.get().body());
        }
      }
      // exactly one request advanced 0 -> 6; every other saw the committed 6, none rolled back
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(conflicts).hasSize(n - 1).containsOnly("6\n");
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedCheckpoint(RACE)).isEqualTo(RACE.checkpoint(6));
  }

  @Test
  void eachLogHasItsOwnRateLimit() throws Exception {
    for (int i = 0; i < BURST; i++) {
      assertThat(post(LIMITED.request(0, 0)).statusCode()).as("request %d", i).isEqualTo(200);
    }
    HttpResponse<String> limited = post(LIMITED.request(0, 0));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(limited.body())
        .isEqualTo("too many add-checkpoint requests for \"limited.example/log\"; retry later\n");
    assertThat(post(FRESH.request(0, 2)).statusCode()).isEqualTo(200);
  }

  @Test
  void vkeyIsACosignatureKey() throws Exception {
    HttpResponse<String> response = get("/witness/vkey");
    assertThat(response.statusCode()).isEqualTo(200);
    VerifierKey vkey = VerifierKey.parse(response.body().strip());
    assertThat(vkey.signatureType()).isEqualTo((byte) 0x04);
    assertThat(vkey.name()).isEqualTo(WITNESS_NAME);
  }

  private static double counter(String prometheus, String outcome) {
    return prometheus
        .lines()
        .filter(l -> l.startsWith("waxseal_witness_requests_total{"))
        .filter(l -> l.contains("outcome=\"" + outcome + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private record Row(String name, String body, int status, String bodyPrefix) {}

  private static Row row(String name, String body, int status, String bodyPrefix) {
    return new Row(name, body, status, bodyPrefix);
  }

  private CosignatureVerifier witnessVerifier() throws Exception {
    return CosignatureVerifier.of(VerifierKey.parse(get("/witness/vkey").body().strip()));
  }

  private String storedCheckpoint(TestLog log) {
    return jdbc.sql("SELECT checkpoint FROM witnessed_logs WHERE origin = ?")
        .param(log.origin)
        .query(String.class)
        .single();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
