package dev.waxseal.server.witnessclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.WitnessPolicy;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.LogTree;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.log.RekorV2Log;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The log's witness client in fail-open mode, against two witnesses over HTTP on a real PostgreSQL:
 * both cosign and {@code /checkpoint} carries both lines (a 2-of-2 policy verifies in merkle); then
 * the fault table, one fault of the second witness at a time: down, slow (past the timeout), a bad
 * signature, a 409 with a smaller size (it lost state), a 409 with a size the log never published.
 * In each, appends complete at once, the honest witness keeps cosigning, the fault shows in {@code
 * waxseal.witness.client.requests{outcome}}, and the faulty witness catches up once fixed. The
 * Rekor v2 log beside the v1 log is witnessed the same way (issue 17).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.witness-client.min-interval=0ms",
      "waxseal.witness-client.timeout=500ms"
    })
class WitnessClientIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final TestWitness HONEST = new TestWitness("honest.test/witness");
  static final TestWitness FAULTY = new TestWitness("faulty.test/witness");
  private static String policy = "";

  @LocalServerPort int port;
  @Autowired Appender appender;
  @Autowired LogTree tree;
  @Autowired MeterRegistry registry;
  @Autowired JdbcClient jdbc;
  @Autowired RekorV2Log v2;

  /** Read once, when the application starts. */
  @TempDir static Path policyDir;

  @DynamicPropertySource
  static void witnessClient(DynamicPropertyRegistry registry) {
    policy =
        "witness honest "
            + HONEST.keyHex()
            + " "
            + HONEST.url()
            + "\nwitness faulty "
            + FAULTY.keyHex()
            + " "
            + FAULTY.url()
            + "\ngroup both all honest faulty\nquorum both\n";
    try {
      Path file = policyDir.resolve("policy.txt");
      Files.writeString(file, policy);
      registry.add("waxseal.witness-client.policy-file", file::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopWitnesses() {
    HONEST.close();
    FAULTY.close();
  }

  @AfterEach
  void faultyRecovers() throws Exception {
    FAULTY.fault(TestWitness.Fault.NONE);
    long size = append(1);
    await("both witnesses cosign size " + size + " after the fault", () -> lines(size) == 2);
  }

  @Test
  void bothWitnessesCosignAndCheckpointCarriesBothLines() throws Exception {
    long size = append(3);
    await("two cosignatures on size " + size, () -> lines(size) == 2);
    SignedNote served = SignedNote.parse(checkpoint());
    assertThat(served.text()).contains("\n" + size + "\n");
    Set<String> met = WitnessPolicy.parse(policy).requireQuorum(served);
    assertThat(met).containsExactlyInAnyOrder("honest", "faulty");
    assertThat(
            jdbc.sql("SELECT count(*) FROM witness_client_state WHERE size = :size")
                .param("size", size)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void rekorV2LogCheckpointIsCosignedAndServedWithBothLines() throws Exception {
    String origin = v2.tree().active().tileOrigin();
    long treeId = v2.tree().activeTreeId();
    long size = -1;
    for (int i = 0; i < 2; i++) {
      byte[] body = ("{\"v2\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
      size =
          Objects.requireNonNull(
                  v2.appender()
                      .append(PendingEntry.of("test", "0.0.1", body))
                      .get(10, TimeUnit.SECONDS)
                      .checkpoint())
              .size();
    }
    long v2Size = size;
    await("two cosignatures on v2 size " + v2Size, () -> cosignedBy(treeId, v2Size).size() == 2);

    // Served on the v2 log's Host and under its prefix, both with the two witnesses' lines.
    for (String note : List.of(getWithHost(origin, "/checkpoint"), get("/rekor-v2/checkpoint"))) {
      SignedNote served = SignedNote.parse(note);
      Checkpoint checkpoint = Checkpoint.parse(served.text());
      assertThat(checkpoint.origin()).isEqualTo(origin);
      assertThat(checkpoint.size()).isEqualTo(v2Size);
      assertThat(WitnessPolicy.parse(policy).requireQuorum(served))
          .containsExactlyInAnyOrder("honest", "faulty");
    }
    // Each witness keeps the two logs apart (by origin); the v1 log's checkpoint is its own.
    assertThat(HONEST.size(origin)).isEqualTo(v2Size);
    assertThat(Checkpoint.parse(SignedNote.parse(checkpoint()).text()).origin())
        .isEqualTo(tree.active().tileOrigin())
        .isNotEqualTo(origin);
  }

  @Test
  void witnessDown() throws Exception {
    FAULTY.stop();
    try {
      double before = count("faulty", "unreachable");
      long size = append(5);
      await("honest cosigns size " + size, () -> lines(size) == 1);
      await("unreachable counted", () -> count("faulty", "unreachable") > before);
      assertThat(cosignedBy(size)).containsExactly("honest.test/witness");
    } finally {
      FAULTY.start();
    }
  }

  @Test
  void slowWitnessTimesOut() throws Exception {
    FAULTY.fault(TestWitness.Fault.SLOW);
    double before = count("faulty", "timeout");
    long size = append(5);
    await("honest cosigns size " + size, () -> lines(size) >= 1);
    await("timeout counted", () -> count("faulty", "timeout") > before);
    assertThat(cosignedBy(size)).containsExactly("honest.test/witness");
  }

  @Test
  void badSignatureIsNotStored() throws Exception {
    FAULTY.fault(TestWitness.Fault.BAD_SIGNATURE);
    double before = count("faulty", "bad_signature");
    long size = append(2);
    await("bad signature counted", () -> count("faulty", "bad_signature") > before);
    await("honest cosigns size " + size, () -> lines(size) >= 1);
    assertThat(cosignedBy(size)).containsExactly("honest.test/witness");
  }

  @Test
  void conflictWithSmallerSizeRetriesWithTheRightProof() throws Exception {
    long size = append(2);
    await("both cosign size " + size, () -> lines(size) == 2);
    long rolledBack = FAULTY.rollBack(tree.active().tileOrigin());
    assertThat(rolledBack).isLessThan(size);
    double conflicts = count("faulty", "conflict_409");
    double cosigned = count("faulty", "cosigned");
    long next = append(3);
    await("both cosign size " + next, () -> lines(next) == 2);
    assertThat(count("faulty", "conflict_409")).isGreaterThan(conflicts);
    assertThat(count("faulty", "cosigned")).isGreaterThan(cosigned);
    assertThat(FAULTY.size(tree.active().tileOrigin())).isEqualTo(next);
  }

  @Test
  void conflictWithSizeNeverPublishedIsAnError() throws Exception {
    FAULTY.fault(TestWitness.Fault.CLAIMS_LARGER_SIZE);
    double before = count("faulty", "conflict");
    long size = append(2);
    await("conflict counted", () -> count("faulty", "conflict") > before);
    await("honest cosigns size " + size, () -> lines(size) >= 1);
    assertThat(cosignedBy(size)).containsExactly("honest.test/witness");
  }

  /**
   * Appends {@code n} entries one after another and returns the size after them; each append must
   * complete well within the slow witness's delay (fail-open never waits for a witness).
   */
  private long append(int n) throws Exception {
    long size = -1;
    for (int i = 0; i < n; i++) {
      long started = System.nanoTime();
      byte[] body = ("{\"entry\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
      size =
          Objects.requireNonNull(
                  appender
                      .append(PendingEntry.of("test", "0.0.1", body))
                      .get(10, TimeUnit.SECONDS)
                      .checkpoint())
              .size();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
          .as("append latency, ms")
          .isLessThan(TestWitness.SLOW_MILLIS);
    }
    return size;
  }

  private String checkpoint() throws Exception {
    return get("/checkpoint");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** GET with a Host header of our choosing, over a plain socket (java.net.http forbids it). */
  private String getWithHost(String host, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n")
              .concat("Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headerEnd = response.indexOf("\r\n\r\n");
      String head = response.substring(0, headerEnd);
      assertThat(head).startsWith("HTTP/1.1 200");
      assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("chunked");
      return response.substring(headerEnd + 4);
    }
  }

  /** How many cosignature lines are stored for the active tree's checkpoint at {@code size}. */
  private int lines(long size) {
    return cosignedBy(size).size();
  }

  private List<String> cosignedBy(long size) {
    return cosignedBy(tree.activeTreeId(), size);
  }

  private List<String> cosignedBy(long treeId, long size) {
    return jdbc
        .sql("SELECT line FROM checkpoint_cosignatures WHERE tree_id = :tree AND size = :size")
        .param("tree", treeId)
        .param("size", size)
        .query(String.class)
        .list()
        .stream()
        .map(line -> line.split(" ")[1])
        .sorted()
        .toList();
  }

  private double count(String witness, String outcome) {
    Counter counter =
        registry
            .find("waxseal.witness.client.requests")
            .tag("witness", witness)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }
}
