package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.ServerProcess;
import dev.waxseal.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes (the packaged jar) on one database under load; one is killed with {@code
 * kill -9} while its batches are in flight (issue 21, item 1d). The other two go on taking writes;
 * clients whose request died with the process send the same entry to another replica and get it
 * once, 201 (it was not stored) or 409 (the killed process had committed it), never twice; nothing
 * acknowledged is lost and the tree stays consistent.
 */
class ReplicaKillIT {
  private static final boolean LONG = Boolean.getBoolean("waxseal.faults.long");

  /** Kept after a failure: it holds the servers' console logs (see ServerProcess). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void killingOneReplicaMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    Path logKey = dir.resolve("log.pem");
    Path tilesKey = dir.resolve("tiles.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, logKey);
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, tilesKey);
    Map<String, String> common =
        Map.of(
            "SPRING_DATASOURCE_URL", db.jdbcUrl(),
            "SPRING_DATASOURCE_USERNAME", db.username(),
            "SPRING_DATASOURCE_PASSWORD", db.password(),
            "WAXSEAL_SIGNER_KEY_FILE", logKey.toString(),
            "WAXSEAL_TILES_KEY_FILE", tilesKey.toString(),
            "WAXSEAL_V2_ENABLED", "false",
            "WAXSEAL_TSA_ENABLED", "false");
    List<ServerProcess> servers = new ArrayList<>();
    try {
      // One after another: three JVMs starting at once on two cores take longer than in turn.
      for (String name : List.of("a", "b", "c")) {
        servers.add(ServerProcess.start(dir.resolve(name), common));
      }
      ServerProcess victim = servers.get(2);
      List<FaultLoad.Answer> answers;
      List<FaultLoad.Ack> acks;
      List<FaultLoad.Answer> conflicts;
      long killedAt;
      try (FaultLoad load =
          new FaultLoad(i -> servers.get(i).baseUri(), 3, servers.get(0).baseUri(), 9, 3)) {
        load.awaitAcks(LONG ? 5000 : 150, Duration.ofSeconds(120));
        killedAt = System.nanoTime();
        victim.kill(); // SIGKILL: batches in flight are cut mid-way, their callers get no answer
        load.awaitAcks(LONG ? 5000 : 150, Duration.ofSeconds(120));
        answers = load.answers();
        acks = load.acks();
        conflicts = load.conflicts();
      }
      FaultChecks.assertCleanAnswers(answers, true);
      long unanswered =
          FaultChecks.count(answers, a -> a.status() == 0 && a.kind().equals("write"));
      long firstAckAfterKill =
          answers.stream()
              .filter(a -> a.kind().equals("write") && a.status() == 201 && a.endNanos() > killedAt)
              .mapToLong(FaultLoad.Answer::endNanos)
              .min()
              .orElseThrow();
      long size;
      try (Connection c = db.connect()) {
        size = FaultChecks.audit(c, acks);
      }
      assertThat(unanswered).as("writes cut by the kill").isPositive();
      System.out.printf(
          "FAULT kill -9 of one of three replicas: the others acknowledged again %d ms after the"
              + " kill; writes without an answer %d (resent to another replica), of which stored"
              + " before the kill and answered 409 on resend %d; acknowledged %d, log size %d,"
              + " audit passed%n",
          TimeUnit.NANOSECONDS.toMillis(firstAckAfterKill - killedAt),
          unanswered,
          conflicts.size(),
          acks.size(),
          size);
    } finally {
      for (ServerProcess s : servers) {
        s.kill();
      }
    }
  }
}
