package dev.waxseal.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code waxseal monitor} across a real shard rotation of the server jar ({@code POST
 * /actuator/shards} on its management port): the v1 monitor finishes the frozen shard and follows
 * the new one from {@code inactiveShards}, without a false alarm and without repeating a finding;
 * the tile monitor follows one tile log, so the first shard's stops growing and the new shard is
 * its own log at {@code <prefix>/<treeID>}.
 */
class ShardRotationIT {
  private static final String ISSUER = "https://accounts.example.com";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dir;
  private static ServerUnderTest server;
  private static int artifacts;

  @BeforeAll
  static void start() throws Exception {
    server = ServerUnderTest.start(dir.resolve("data"), true);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
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

  private static Cli monitor(String log, Path state, Path watch, String api) {
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
    return Cli.run(Stream.of(base).toArray(String[]::new));
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

    // Tiles: the first shard's tile log is frozen at its final size: no news, no alarm.
    MonitorState beforeRotation = state(tilesState);
    Cli frozen = monitor(server.uri().toString(), tilesState, watch, "tiles");
    assertEquals(0, frozen.exitCode(), frozen.toString());
    assertEquals(List.of(), emailIndexes(frozen), frozen.toString());
    assertEquals(beforeRotation, state(tilesState));

    // The new shard is its own tile log at <prefix>/<treeID>, indexed from 0.
    URI newShard = URI.create(server.uri() + "/" + activeTree);
    Path shardState = dir.resolve("tiles-shard2-state.json");
    Cli shard = monitor(newShard.toString(), shardState, watch, "tiles");
    assertEquals(1, shard.exitCode(), shard.toString());
    assertEquals(List.of(1L, 2L), emailIndexes(shard), shard.toString());
    assertEquals(3, state(shardState).size());
    assertTrue(
        state(shardState).checkpoint().contains("/" + activeTree + "\n"),
        state(shardState).checkpoint());
  }
}
