package dev.waxseal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.monitor.MonitorState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code waxseal monitor} across a real shard rotation of the server jar ({@code POST
 * /actuator/shards} on its management port): the v1 monitor finishes the frozen shard and follows
 * the new one from {@code inactiveShards}, without a false alarm and without repeating a finding;
 * the tile monitor does the same through the shards' tile logs (the first at the prefix, the new
 * one at {@code <prefix>/<treeID>}), also when its first pass started at the head; a monitor given
 * one shard's URL follows that log alone, indexed from 0. With the server's witness client on,
 * {@code monitor --witness} advances only to checkpoints that meet its k-of-n policy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardRotationIT {
  private static final String ISSUER = "https://accounts.example.com";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Kept after a failure: it holds the server's console log (see ServerUnderTest). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static ServerUnderTest server;
  private static int artifacts;
  private static Witness first;
  private static Witness second;
  private static Witness unused;

  /**
   * One server for both tests (a start costs more than the tests): its witness client (fail-open,
   * every checkpoint offered) sends each tree's checkpoints to two in-test witnesses.
   */
  @BeforeAll
  static void start() throws Exception {
    first = new Witness("witness-one.example");
    second = new Witness("witness-two.example");
    unused = new Witness("witness-three.example");
    Path serverPolicy =
        Files.writeString(
            dir.resolve("server-policy.txt"),
            first.policyLine()
                + second.policyLine()
                + "group both all witness-one.example witness-two.example\nquorum both\n");
    server =
        ServerUnderTest.start(
            dir.resolve("data"),
            true,
            Map.of(
                "WAXSEAL_WITNESS_POLICY",
                serverPolicy.toString(),
                "WAXSEAL_WITNESS_MIN_INTERVAL",
                "0s"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    for (Witness witness : new Witness[] {first, second, unused}) {
      if (witness != null) {
        witness.close();
      }
    }
  }

  private static long append(Identities.Identity who) throws Exception {
    byte[] artifact =
        ("artifact " + artifacts++ + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    var response =
        HashedRekords.post(
            server.uri(), HashedRekords.request(artifact, who.keys().getPrivate(), who.pem()));
    assertEquals(201, response.statusCode(), response.body());
    JsonNode entry = Json.parse(response.body().getBytes(StandardCharsets.UTF_8), "entry");
    return entry.properties().iterator().next().getValue().get("logIndex").longValue();
  }

  private static JsonNode rotate() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(server.management().resolve("/actuator/shards"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Json.parse(response.body().getBytes(StandardCharsets.UTF_8), "rotation").get("rotated");
  }

  private static Cli monitor(String log, Path state, Path watch, String api, String... more) {
    String[] base = {
      "monitor",
      "--log",
      log,
      "--state",
      state.toString(),
      "--watch",
      watch.toString(),
      "--api",
      api,
      "--once",
      "--json",
      "--retries",
      "2",
      "--retry-delay",
      "10"
    };
    return Cli.run(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  private static List<Long> emailIndexes(Cli cli) {
    List<Long> indexes = new ArrayList<>();
    for (String line : cli.out().split("\n")) {
      if (line.contains("\"type\":\"finding\"")) {
        JsonNode finding = Json.parse(line.getBytes(StandardCharsets.UTF_8), "finding");
        assertEquals("emails", finding.get("field").stringValue(), line);
        indexes.add(finding.get("logIndex").longValue());
      }
    }
    return indexes.stream().sorted().toList();
  }

  private static MonitorState state(Path file) throws Exception {
    return MonitorState.load(file).orElseThrow();
  }

  @Test
  @Order(1) // indexes and sizes below are absolute: the log is empty before it
  void theMonitorFollowsARotationIntoTheNewShard() throws Exception {
    Identities.Identity alice = Identities.of("alice@example.com", ISSUER);
    Identities.Identity bob = Identities.of("bob@example.com", ISSUER);
    Path watch = Files.writeString(dir.resolve("watch.yaml"), "emails:\n  - alice@example.com\n");
    Path v1State = dir.resolve("v1-state.json");
    Path tilesState = dir.resolve("tiles-state.json");

    List<Long> firstShard = new ArrayList<>();
    firstShard.add(append(alice));
    append(bob);
    firstShard.add(append(alice));
    for (Path state : List.of(v1State, tilesState)) {
      String api = state == v1State ? "v1" : "tiles";
      Cli first = monitor(server.uri().toString(), state, watch, api);
      assertEquals(1, first.exitCode(), first.toString());
      assertEquals(firstShard, emailIndexes(first), first.toString());
      assertEquals(3, state(state).size());
    }
    long frozenTree = state(v1State).treeId();

    // --from-head: the first pass verifies the head and reads no history.
    Path headState = dir.resolve("head-state.json");
    Cli head = monitor(server.uri().toString(), headState, watch, "tiles", "--from-head");
    assertEquals(0, head.exitCode(), head.toString());
    assertEquals(List.of(), emailIndexes(head), head.toString());
    assertEquals(3, state(headState).size());
    assertEquals(state(tilesState).rootHash(), state(headState).rootHash());
    assertEquals(state(tilesState).compactRange(), state(headState).compactRange());
    Cli v1Head =
        monitor(server.uri().toString(), dir.resolve("no.json"), watch, "v1", "--from-head");
    assertEquals(ExitCode.USAGE, v1Head.exitCode(), v1Head.toString());

    JsonNode rotated = rotate();
    assertEquals(Long.toString(frozenTree), rotated.get("frozenTreeID").stringValue());
    assertEquals(3, rotated.get("finalSize").asLong());
    long activeTree = Long.parseLong(rotated.get("activeTreeID").stringValue());
    assertTrue(activeTree != frozenTree, rotated.toString());

    List<Long> secondShard = new ArrayList<>();
    append(bob);
    secondShard.add(append(alice));
    secondShard.add(append(alice));
    assertEquals(List.of(4L, 5L), secondShard, "virtual indexes go on from the frozen shard");

    // v1: finishes the frozen shard (nothing new there), follows the new one from leaf 0.
    Cli next = monitor(server.uri().toString(), v1State, watch, "v1");
    assertEquals(1, next.exitCode(), next.toString());
    assertEquals(secondShard, emailIndexes(next), next.toString());
    assertFalse(next.out().contains("verification_failed"), next.toString());
    MonitorState followed = state(v1State);
    assertEquals(activeTree, followed.treeId());
    assertEquals(3, followed.virtualStart());
    assertEquals(3, followed.size());
    assertTrue(followed.checkpoint().contains(" - " + activeTree + "\n"), followed.checkpoint());

    Cli quiet = monitor(server.uri().toString(), v1State, watch, "v1");
    assertEquals(0, quiet.exitCode(), quiet.toString());
    assertEquals(List.of(), emailIndexes(quiet), quiet.toString());
    assertEquals(followed, state(v1State));

    // Tiles: the first shard's tile log is finished at its final size, then the new shard's tile
    // log at <prefix>/<treeID> is read from leaf 0; indexes are virtual as in v1.
    Cli tilesNext = monitor(server.uri().toString(), tilesState, watch, "tiles");
    assertEquals(1, tilesNext.exitCode(), tilesNext.toString());
    assertEquals(secondShard, emailIndexes(tilesNext), tilesNext.toString());
    MonitorState tilesFollowed = state(tilesState);
    assertEquals(activeTree, tilesFollowed.treeId());
    assertEquals(3, tilesFollowed.virtualStart());
    assertEquals(3, tilesFollowed.size());
    assertTrue(
        tilesFollowed.checkpoint().contains("/" + activeTree + "\n"), tilesFollowed.checkpoint());
    Cli tilesQuiet = monitor(server.uri().toString(), tilesState, watch, "tiles");
    assertEquals(0, tilesQuiet.exitCode(), tilesQuiet.toString());
    assertEquals(tilesFollowed, state(tilesState));

    // The monitor started at the head follows the rotation the same way.
    Cli headNext = monitor(server.uri().toString(), headState, watch, "tiles");
    assertEquals(1, headNext.exitCode(), headNext.toString());
    assertEquals(secondShard, emailIndexes(headNext), headNext.toString());
    assertEquals(tilesFollowed.rootHash(), state(headState).rootHash());

    // One more entry in the new shard: found once by the tile monitor, at its virtual index.
    long sixth = append(alice);
    assertEquals(6, sixth);
    Cli tilesLater = monitor(server.uri().toString(), tilesState, watch, "tiles");
    assertEquals(1, tilesLater.exitCode(), tilesLater.toString());
    assertEquals(List.of(6L), emailIndexes(tilesLater), tilesLater.toString());

    // The new shard is its own tile log at <prefix>/<treeID>, indexed from 0.
    URI newShard = URI.create(server.uri() + "/" + activeTree);
    Path shardState = dir.resolve("tiles-shard2-state.json");
    Cli shard = monitor(newShard.toString(), shardState, watch, "tiles");
    assertEquals(1, shard.exitCode(), shard.toString());
    assertEquals(List.of(1L, 2L, 3L), emailIndexes(shard), shard.toString());
    assertEquals(4, state(shardState).size());
    assertTrue(
        state(shardState).checkpoint().contains("/" + activeTree + "\n"),
        state(shardState).checkpoint());
  }

  /**
   * The active shard's tile log: the first shard at the prefix, a later one at {@code
   * <prefix>/<treeID>}.
   */
  private static URI activeTileLog() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/v1/log")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode info = Json.parse(response.body().getBytes(StandardCharsets.UTF_8), "log info");
    return info.path("inactiveShards").isEmpty()
        ? server.uri()
        : URI.create(server.uri() + "/" + info.get("treeID").stringValue());
  }

  /**
   * Waits until {@code log}'s /checkpoint is at {@code size} with {@code witnesses} cosignatures.
   */
  private static void awaitCheckpoint(URI log, long size, int witnesses) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String note = "";
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(log + "/checkpoint")).build(),
              HttpResponse.BodyHandlers.ofString());
      note = response.body();
      String[] lines = note.split("\n");
      long signatures = Stream.of(lines).filter(line -> line.startsWith("— ")).count();
      if (response.statusCode() == 200
          && lines.length > 1
          && lines[1].equals(Long.toString(size))
          && signatures == 1 + witnesses) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no checkpoint of size " + size + " with " + witnesses + " cosignatures: " + note);
  }

  private static long size(URI log) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(log + "/checkpoint")).build(),
            HttpResponse.BodyHandlers.ofString());
    return Long.parseLong(response.body().split("\n")[1]);
  }

  private static Cli witnessed(URI log, Path state, Path watch, Path policy, String... more) {
    return monitor(
        log.toString(),
        state,
        watch,
        "tiles",
        Stream.concat(Stream.of("--witness", policy.toString()), Stream.of(more))
            .toArray(String[]::new));
  }

  /**
   * {@code monitor --witness}: every checkpoint it advances to must meet the policy (2 of the 3
   * witnesses it names; the log asks only two). When one witness stops cosigning, the log (fail-
   * open) still serves new checkpoints, with one cosignature: the monitor refuses them (exit 2) and
   * keeps its state, until the witness is back and the checkpoint carries both.
   */
  @Test
  @Order(2)
  void everyCheckpointTheMonitorAdvancesToMeetsTheWitnessPolicy() throws Exception {
    Identities.Identity alice = Identities.of("alice@example.com", ISSUER);
    Identities.Identity bob = Identities.of("bob@example.com", ISSUER);
    Path watch = Files.writeString(dir.resolve("w-watch.yaml"), "emails:\n  - alice@example.com\n");
    Path policy =
        Files.writeString(
            dir.resolve("monitor-policy.txt"),
            first.policyLine()
                + second.policyLine()
                + unused.policyLine()
                + "group any-two 2 witness-one.example witness-two.example witness-three.example\n"
                + "quorum any-two\n");
    Path state = dir.resolve("witnessed-state.json");
    URI log = activeTileLog(); // one tile log: indexes below are its own
    long start = size(log);

    append(alice);
    append(bob);
    append(alice);
    awaitCheckpoint(log, start + 3, 2);
    Cli cosigned = witnessed(log, state, watch, policy);
    assertEquals(1, cosigned.exitCode(), cosigned.toString());
    List<Long> aliceBefore = emailIndexes(cosigned);
    assertEquals(
        List.of(start, start + 2), aliceBefore.subList(aliceBefore.size() - 2, aliceBefore.size()));
    assertEquals(start + 3, state(state).size());

    // The second witness goes down: the log serves the next size with one cosignature.
    second.refuse(true);
    append(alice);
    awaitCheckpoint(log, start + 4, 1);
    byte[] before = Files.readAllBytes(state);
    Cli missing = witnessed(log, state, watch, policy);
    assertEquals(ExitCode.VERIFICATION_FAILED, missing.exitCode(), missing.toString());
    assertTrue(missing.out().contains("\"status\":\"verification_failed\""), missing.toString());
    assertTrue(missing.out().contains("cosignatures on the checkpoint"), missing.toString());
    assertTrue(missing.out().contains("at size " + (start + 4)), missing.toString());
    assertEquals(
        List.of(), emailIndexes(missing), "nothing reported from an unverified checkpoint");
    assertArrayEquals(before, Files.readAllBytes(state), "the state did not move");

    // The same checkpoint meets "any 1 of the 3" (--witnesses 1): what failed was the quorum.
    Path lenient = Files.write(dir.resolve("lenient-state.json"), before);
    Cli one = witnessed(log, lenient, watch, policy, "--witnesses", "1");
    assertEquals(1, one.exitCode(), one.toString());
    assertEquals(List.of(start + 3), emailIndexes(one), one.toString());

    // The witness is back; the log's client catches it up and the checkpoint carries both.
    second.refuse(false);
    awaitCheckpoint(log, start + 4, 2);
    Cli back = witnessed(log, state, watch, policy);
    assertEquals(1, back.exitCode(), back.toString());
    assertEquals(List.of(start + 3), emailIndexes(back), back.toString());
    MonitorState advanced = state(state);
    assertEquals(start + 4, advanced.size());
    assertEquals(2, advanced.checkpoint().lines().filter(l -> l.startsWith("— witness-")).count());

    Cli quiet = witnessed(log, state, watch, policy);
    assertEquals(0, quiet.exitCode(), quiet.toString());
    assertEquals(List.of(), emailIndexes(quiet), quiet.toString());
  }
}
