package dev.waxseal.server.witnessclient;

import static dev.waxseal.server.witnessclient.WitnessClientIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.WitnessPolicy;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.log.RekorV2Log;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fail-closed mode: readers ({@code /checkpoint}, the v1 log info, {@link LogReader}) see only the
 * newest checkpoint the witness cosigned; while the witness times out, appends still complete but
 * the served tree does not grow; once it answers, the served checkpoint catches up. Prints the
 * latency from append to visible. The Rekor v2 log's {@code /checkpoint} is gated the same way.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.witness-client.mode=fail-closed",
      "waxseal.witness-client.min-interval=0ms",
      "waxseal.witness-client.timeout=500ms"
    })
class WitnessClientFailClosedIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final TestWitness WITNESS = new TestWitness("only.test/witness");
  private static String policy = "";

  @LocalServerPort int port;
  @Autowired Appender appender;
  @Autowired LogReader reader;
  @Autowired RekorV2Log v2;

  /** Read once, when the application starts. */
  @TempDir static Path policyDir;

  @DynamicPropertySource
  static void witnessClient(DynamicPropertyRegistry registry) {
    policy = "witness only " + WITNESS.keyHex() + " " + WITNESS.url() + "\nquorum only\n";
    try {
      Path file = policyDir.resolve("policy.txt");
      Files.writeString(file, policy);
      registry.add("waxseal.witness-client.policy-file", file::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopWitness() {
    WITNESS.close();
  }

  @Test
  void readersSeeOnlyWitnessedCheckpoints() throws Exception {
    long first = append(2);
    long started = System.nanoTime();
    await("size " + first + " served", () -> servedSize() == first);
    System.out.printf(
        "fail-closed: append -> witnessed checkpoint visible in %.1f ms%n",
        (System.nanoTime() - started) / 1e6);
    assertThat(reader.latestCheckpoint().size()).isEqualTo(first);

    WITNESS.fault(TestWitness.Fault.SLOW);
    long second = append(3);
    assertThat(second).isGreaterThan(first);
    Thread.sleep(1200); // two timed-out attempts
    assertThat(servedSize()).isEqualTo(first);
    assertThat(reader.latestCheckpoint().size()).isEqualTo(first);
    assertThat(get("/api/v1/log")).contains("\"treeSize\":" + first);

    WITNESS.fault(TestWitness.Fault.NONE);
    await("size " + second + " served once the witness answers", () -> servedSize() == second);
    assertThat(reader.latestCheckpoint().size()).isEqualTo(second);
    assertThat(get("/api/v1/log")).contains("\"treeSize\":" + second);
  }

  @Test
  void rekorV2CheckpointIsServedOnlyOnceWitnessed() throws Exception {
    long first = append(v2.appender(), 2);
    await("v2 size " + first + " served", () -> servedSize("/rekor-v2/checkpoint") == first);

    WITNESS.fault(TestWitness.Fault.SLOW);
    try {
      long second = append(v2.appender(), 2);
      assertThat(second).isGreaterThan(first);
      Thread.sleep(1200); // two timed-out attempts
      assertThat(servedSize("/rekor-v2/checkpoint")).isEqualTo(first);
      assertThat(v2.reader().latestCheckpoint().size()).isEqualTo(first);
      WITNESS.fault(TestWitness.Fault.NONE);
      await(
          "v2 size " + second + " served once the witness answers",
          () -> servedSize("/rekor-v2/checkpoint") == second);
    } finally {
      WITNESS.fault(TestWitness.Fault.NONE);
    }
  }

  private long servedSize() {
    return servedSize("/checkpoint");
  }

  /** The size of the checkpoint served at {@code path}; -1 while none is witnessed yet (503). */
  private long servedSize(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 503) {
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        return -1;
      }
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      SignedNote note = SignedNote.parse(response.body());
      WitnessPolicy.parse(policy).requireQuorum(note); // every served checkpoint meets the policy
      return Checkpoint.parse(note.text()).size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private long append(int n) throws Exception {
    return append(appender, n);
  }

  private static long append(Appender appender, int n) throws Exception {
    long size = -1;
    for (int i = 0; i < n; i++) {
      byte[] body = ("{\"entry\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
      size =
          Objects.requireNonNull(
                  appender
                      .append(PendingEntry.of("test", "0.0.1", body))
                      .get(10, TimeUnit.SECONDS)
                      .checkpoint())
              .size();
    }
    return size;
  }
}
