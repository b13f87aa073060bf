package dev.waxseal.server.witnessclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One add-checkpoint round trip against a scripted HTTP server (no database): the request body as
 * C2SP tlog-witness lays it out, and how each answer is read: 200 lines verified with merkle, 409
 * sizes, other statuses, timeouts, refused connections.
 */
class AddCheckpointCallTest {
  private static final Hash ROOT = Hash.of(new byte[32]);
  private static final Checkpoint CHECKPOINT = new Checkpoint("log.test/a", 5, ROOT, List.of());
  // the log's own line: the call does not verify it (the witness does)
  private static final String NOTE =
      CHECKPOINT.format()
          + "\n— log.test/a "
          + Base64.getEncoder().encodeToString(new byte[68])
          + "\n";

  private final TestWitness witness = new TestWitness("w.test/witness");
  private final TestWitness other = new TestWitness("other.test/witness");
  private HttpServer server = HttpServer.create();
  private volatile int status;
  private volatile String answer = "";
  private volatile long delayMillis;
  private volatile String received = "";

  AddCheckpointCallTest() throws IOException {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    server.createContext(
        "/add-checkpoint",
        exchange -> {
          received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    witness.close();
    other.close();
  }

  private AddCheckpointCall.Answer send(int status, String answer) {
    this.status = status;
    this.answer = answer;
    return call(Duration.ofSeconds(5)).send(endpoint(), 3, List.of(ROOT, ROOT), NOTE);
  }

  private AddCheckpointCall call(Duration timeout) {
    return new AddCheckpointCall(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), timeout);
  }

  private WitnessEndpoint endpoint() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    return WitnessEndpoint.of(
        WitnessPolicy.parse("witness w " + witness.keyHex() + " " + url + "\nquorum w\n")
            .witnesses()
            .get(0));
  }

  @Test
  void requestBodyIsOldSizeProofBlankLineNote() {
    send(200, "");
    String hash = Base64.getEncoder().encodeToString(ROOT.bytes());
    assertThat(received).isEqualTo("old 3\n" + hash + "\n" + hash + "\n\n" + NOTE);
  }

  @Test
  void validCosignatureIsKept() throws Exception {
    String line = witness.cosignatureLine(CHECKPOINT);
    assertThat(send(200, line)).isEqualTo(new AddCheckpointCall.Cosigned(List.of(line)));
    // the stored line appended to the note parses, and merkle's policy accepts it
    SignedNote cosigned = SignedNote.parse(NOTE + line);
    assertThat(
            WitnessPolicy.parse("witness w " + witness.keyHex() + "\nquorum w\n")
                .requireQuorum(cosigned))
        .containsExactly("w");
  }

  @Test
  void flippedCosignatureIsBadSignature() throws Exception {
    String line = witness.cosignatureLine(CHECKPOINT);
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).strip());
    blob[blob.length - 1] ^= 1;
    String flipped =
        line.substring(0, line.lastIndexOf(' ') + 1)
            + Base64.getEncoder().encodeToString(blob)
            + "\n";
    assertThat(send(200, flipped))
        .isInstanceOfSatisfying(
            AddCheckpointCall.Failed.class,
            f -> {
              assertThat(f.outcome()).isEqualTo("bad_signature");
              assertThat(f.message()).contains("does not verify with witness key");
            });
  }

  @Test
  void cosignatureByAnotherKeyOnlyIsBadSignature() throws Exception {
    assertThat(send(200, other.cosignatureLine(CHECKPOINT)))
        .isInstanceOfSatisfying(
            AddCheckpointCall.Failed.class,
            f -> {
              assertThat(f.outcome()).isEqualTo("bad_signature");
              assertThat(f.message()).startsWith("200 without a line by the policy's key");
            });
  }

  @Test
  void twoHundredWithoutSignatureLinesIsBadResponse() {
    assertThat(send(200, "hello\n"))
        .isInstanceOfSatisfying(
            AddCheckpointCall.Failed.class, f -> assertThat(f.outcome()).isEqualTo("bad_response"));
  }

  @Test
  void conflictCarriesTheWitnessSize() {
    assertThat(send(409, "12\n")).isEqualTo(new AddCheckpointCall.Conflict(12));
    for (String bad : List.of("012\n", "-1\n", "twelve\n", "")) {
      assertThat(send(409, bad))
          .as("409 %s", bad)
          .isInstanceOfSatisfying(
              AddCheckpointCall.Failed.class,
              f -> {
                assertThat(f.outcome()).isEqualTo("bad_response");
                assertThat(f.message()).startsWith("409 without a tree size");
              });
    }
  }

  @Test
  void otherStatusesAreRejectedWithTheirBody() {
    assertThat(send(403, "unknown log\n"))
        .isEqualTo(new AddCheckpointCall.Failed("rejected", "HTTP 403: unknown log"));
    assertThat(send(422, "consistency proof does not verify\n"))
        .isEqualTo(
            new AddCheckpointCall.Failed(
                "rejected", "HTTP 422: consistency proof does not verify"));
  }

  @Test
  void slowWitnessTimesOut() {
    status = 200;
    delayMillis = 1000;
    assertThat(call(Duration.ofMillis(200)).send(endpoint(), 0, List.of(), NOTE))
        .isEqualTo(new AddCheckpointCall.Failed("timeout", "no answer within PT0.2S"));
  }

  @Test
  void closedPortIsUnreachable() {
    WitnessEndpoint closed = endpoint();
    server.stop(0);
    assertThat(call(Duration.ofSeconds(2)).send(closed, 0, List.of(), NOTE))
        .isInstanceOfSatisfying(
            AddCheckpointCall.Failed.class, f -> assertThat(f.outcome()).isEqualTo("unreachable"));
  }

  @Test
  void policyWitnessWithoutUrlIsRefusedAtStart() {
    WitnessPolicy policy = WitnessPolicy.parse("witness w " + witness.keyHex() + "\nquorum w\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WitnessEndpoint.of(policy.witnesses().get(0)))
        .hasMessageContaining("witness \"w\" in WAXSEAL_WITNESS_POLICY has no URL");
  }

  @Test
  void modeIsFailOpenOrFailClosed() {
    assertThat(WitnessMode.parse("fail-open")).isEqualTo(WitnessMode.FAIL_OPEN);
    assertThat(WitnessMode.parse(" Fail-Closed ")).isEqualTo(WitnessMode.FAIL_CLOSED);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WitnessMode.parse("closed"))
        .hasMessage("WAXSEAL_WITNESS_MODE is \"closed\"; use fail-open or fail-closed");
  }
}
