package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kill -9} of a JVM appending under load: after a restart on the same database, every entry
 * acknowledged before the kill is there with a valid inclusion proof, and the tree is consistent
 * with every checkpoint handed out before the kill.
 */
class KillDuringAppendIT {
  private static final int ACKS_BEFORE_KILL = 2000;

  @TempDir Path dataDir;

  private record Ack(long index, Hash leafHash, long size, Hash root) {}

  @Test
  void everyAcknowledgedEntrySurvivesKillMinus9() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    Path key = dataDir.resolve("log-key.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, key);
    List<String> args =
        List.of(
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.username(),
            "--spring.datasource.password=" + db.password(),
            "--waxseal.data-dir=" + dataDir,
            "--waxseal.signer.key-file=" + key,
            "--waxseal.log.batch-max-size=64");
    List<Ack> acks = runAndKill(args);
    assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (ConfigurableApplicationContext restarted =
        new SpringApplicationBuilder(WaxsealApplication.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new))) {
      LogReader reader = restarted.getBean(LogReader.class);
      long treeId = restarted.getBean(LogTree.class).activeTreeId();
      PublishedCheckpoint latest = reader.latestCheckpoint();
      Map<Long, Hash> handedOut = new TreeMap<>();
      for (Ack ack : acks) {
        IntegratedEntry row = reader.entryByIndex(treeId, ack.index()).orElseThrow();
        assertThat(row.leafHash()).isEqualTo(ack.leafHash());
        ProofVerifier.verifyInclusion(
            reader.inclusionProof(treeId, ack.index(), latest.size()),
            ack.leafHash(),
            latest.rootHash());
        handedOut.put(ack.size(), ack.root());
      }
      for (Map.Entry<Long, Hash> checkpoint : handedOut.entrySet()) {
        ProofVerifier.verifyConsistency(
            reader.consistencyProof(treeId, checkpoint.getKey(), latest.size()),
            checkpoint.getValue(),
            latest.rootHash());
      }
      // The restarted log appends on top of what survived.
      AppendResult next =
          restarted
              .getBean(Appender.class)
              .append(AppenderIT.entry("after restart"))
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(next.entry().index()).isEqualTo(latest.size());
    }
  }

  private static List<Ack> runAndKill(List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.add(AppendUnderLoad.class.getName());
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Ack> acks = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acks.size() < ACKS_BEFORE_KILL
          && Instant.now().isBefore(deadline)
          && (line = lines.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] f = line.split(" ");
          acks.add(
              new Ack(
                  Long.parseLong(f[1]),
                  Hash.fromHex(f[2]),
                  Long.parseLong(f[3]),
                  Hash.fromHex(f[4])));
        } else if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
      // SIGKILL while the child is still appending: batches in flight are cut mid-way.
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(acks).as(output.toString()).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    return acks;
  }
}
