package dev.waxseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.verify.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code waxseal monitor} against a running Waxseal: watched identities and keys are found exactly
 * once per matching entry, through tiles and through the v1 API; outages end in exit 3 with the
 * state where it was.
 */
class MonitorIT {
  private static final String ISSUER = "https://accounts.example.com";

  /** Kept after a failure: it holds the server's console log (see ServerUnderTest). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static ServerUnderTest server;
  private static int artifacts;

  @BeforeAll
  static void start() throws Exception {
    server = ServerUnderTest.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static long append(KeyPair keys, String pem) throws Exception {
    byte[] artifact =
        ("artifact " + artifacts++ + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    var response =
        HashedRekords.post(server.uri(), HashedRekords.request(artifact, keys.getPrivate(), pem));
    assertEquals(201, response.statusCode(), response.body());
    JsonNode entry = Json.parse(response.body().getBytes(StandardCharsets.UTF_8), "entry");
    return entry.properties().iterator().next().getValue().get("logIndex").longValue();
  }

  private static Cli monitor(String log, Path state, String... extra) {
    String[] base = {
      "monitor",
      "--log",
      log,
      "--state",
      state.toString(),
      "--once",
      "--retries",
      "2",
      "--retry-delay",
      "10"
    };
    return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  private static List<JsonNode> findings(Cli cli) {
    List<JsonNode> findings = new ArrayList<>();
    for (String line : cli.out().split("\n")) {
      if (line.contains("\"type\":\"finding\"")) {
        findings.add(Json.parse(line.getBytes(StandardCharsets.UTF_8), "finding"));
      }
    }
    return findings;
  }

  private static List<Long> indexes(List<JsonNode> findings, String field) {
    return findings.stream()
        .filter(f -> f.get("field").stringValue().equals(field))
        .map(f -> f.get("logIndex").longValue())
        .sorted()
        .toList();
  }

  @Test
  void findsWatchedIdentitiesAndKeysExactlyOncePerMatchingEntry() throws Exception {
    Identities.Identity alice = Identities.of("alice@example.com", ISSUER);
    Identities.Identity bob = Identities.of("bob@example.com", "https://other.example.com");
    KeyPair watchedKey = HashedRekords.p256();
    String watchedPem = HashedRekords.pem("PUBLIC KEY", watchedKey.getPublic().getEncoded());
    KeyPair otherKey = HashedRekords.p256();
    String otherPem = HashedRekords.pem("PUBLIC KEY", otherKey.getPublic().getEncoded());
    String fingerprint = PublicKeys.fingerprint(watchedKey.getPublic());

    List<Long> aliceIndexes = new ArrayList<>();
    List<Long> keyIndexes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      aliceIndexes.add(append(alice.keys(), alice.pem()));
      append(bob.keys(), bob.pem());
      keyIndexes.add(append(watchedKey, watchedPem));
      append(otherKey, otherPem);
    }
    Path watch =
        Files.writeString(
            dir.resolve("watch.yaml"),
            "emails:\n  - alice@example.com\nfingerprints:\n  - " + fingerprint + "\n");
    Path tilesState = dir.resolve("tiles-state.json");
    Path v1State = dir.resolve("v1-state.json");

    for (String api : List.of("tiles", "v1")) {
      Path state = api.equals("tiles") ? tilesState : v1State;
      Cli first =
          monitor(
              server.uri().toString(), state, "--watch", watch.toString(), "--api", api, "--json");
      assertEquals(1, first.exitCode(), first.toString());
      List<JsonNode> found = findings(first);
      assertEquals(aliceIndexes, indexes(found, "emails"), first.toString());
      assertEquals(keyIndexes, indexes(found, "fingerprints"), first.toString());
      assertEquals(6, found.size(), first.toString());
      assertTrue(found.get(0).get("kind").stringValue().equals("hashedrekord"), first.toString());
    }

    // Nothing new for the watch list: exit 0 and no finding repeated.
    append(bob.keys(), bob.pem());
    append(otherKey, otherPem);
    for (Path state : List.of(tilesState, v1State)) {
      Cli quiet = monitor(server.uri().toString(), state, "--watch", watch.toString(), "--json");
      assertEquals(0, quiet.exitCode(), quiet.toString());
      assertEquals(List.of(), findings(quiet), quiet.toString());
    }

    // One more entry by alice: found once, at its own index.
    long next = append(alice.keys(), alice.pem());
    for (Path state : List.of(tilesState, v1State)) {
      Cli again = monitor(server.uri().toString(), state, "--watch", watch.toString());
      assertEquals(1, again.exitCode(), again.toString());
      assertEquals(List.of(next), indexes(findings(again), "emails"), again.toString());
      assertEquals(1, findings(again).size(), again.toString());
    }
  }

  @Test
  void issuerRegexMatchesOnlyItsIssuer() throws Exception {
    Identities.Identity carol = Identities.of("carol@example.com", "https://issuer.carol.example");
    long index = append(carol.keys(), carol.pem());
    Path watch =
        Files.writeString(
            dir.resolve("issuer.yaml"), "issuers:\n  - /https://issuer\\.carol\\..*/\n");
    Cli cli =
        monitor(
            server.uri().toString(), dir.resolve("issuer-state.json"), "--watch", watch.toString());
    assertEquals(1, cli.exitCode(), cli.toString());
    assertEquals(List.of(index), indexes(findings(cli), "issuers"), cli.toString());
  }

  @Test
  void serverErrorsAndTruncatedTilesExitThreeAndKeepTheState() throws Exception {
    KeyPair keys = HashedRekords.p256();
    String pem = HashedRekords.pem("PUBLIC KEY", keys.getPublic().getEncoded());
    append(keys, pem);
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      Path state = dir.resolve("faults-state.json");
      String log = proxy.uri().toString();
      Cli first = monitor(log, state, "--json");
      assertEquals(0, first.exitCode(), first.toString());
      String saved = Files.readString(state);
      append(keys, pem);

      proxy.fault = FaultProxy.Fault.SERVER_ERROR;
      Cli errors = monitor(log, state, "--json");
      assertEquals(3, errors.exitCode(), errors.toString());
      assertTrue(
          errors.out().contains("gave up after 3 attempts, last: HTTP 503"), errors.toString());
      assertEquals(3, proxy.faults.get(), "one request, tried three times");
      assertEquals(saved, Files.readString(state));

      proxy.fault = FaultProxy.Fault.TRUNCATED_TILES;
      Cli truncated = monitor(log, state, "--json");
      assertEquals(3, truncated.exitCode(), truncated.toString());
      assertTrue(truncated.out().contains("tile/"), truncated.toString());
      assertTrue(truncated.out().contains("truncated"), truncated.toString());
      assertEquals(saved, Files.readString(state));

      proxy.fault = FaultProxy.Fault.NONE;
      Cli recovered = monitor(log, state, "--json");
      assertEquals(0, recovered.exitCode(), recovered.toString());
    }
    Cli down = monitor("http://127.0.0.1:9", dir.resolve("down-state.json"), "--json");
    assertEquals(3, down.exitCode(), down.toString());
    assertTrue(Files.notExists(dir.resolve("down-state.json")));
  }

  @Test
  void theShadedJarRunsAndVerifiesAnEntry() throws Exception {
    KeyPair keys = HashedRekords.p256();
    long index = append(keys, HashedRekords.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-jar",
                "target/waxseal-cli.jar",
                "verify",
                "--log",
                server.uri().toString(),
                "--index",
                Long.toString(index),
                "--json")
            .redirectErrorStream(false)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    assertTrue(out.contains("\"status\":\"verified\""), out);
    assertTrue(out.contains("\"logIndex\":" + index), out);
  }
}
