package dev.waxseal.client.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v1 scanner across a shard rotation: inactiveShards order, virtual indexes, 80-hex ids. */
class RekorScannerTest {
  private FakeRekorLog log;

  @BeforeEach
  void start() throws Exception {
    log = new FakeRekorLog();
  }

  @AfterEach
  void stop() {
    log.close();
  }

  private static String digest(int i) {
    return String.format("%064x", i);
  }

  private MonitorState step(
      Optional<MonitorState> previous, List<Finding> findings, WatchList watch) throws Exception {
    CheckpointVerifier verifier = new CheckpointVerifier(LogKey.of(log.key.getPublic()));
    RekorClient rekor = new RekorClient(new HttpFetcher(HttpOptions.defaults()), log.uri());
    try (RekorScanner scanner =
        new RekorScanner(log.uri().toString(), rekor, verifier, watch, Progress.none(), 4)) {
      return scanner.step(previous, findings::add);
    }
  }

  @Test
  void followsTheLogAcrossAShardRotation() throws Exception {
    FakeRekorLog.Tree first = log.rotate(1111);
    for (int i = 0; i < 25; i++) {
      first.bodies.add(FakeRekorLog.body(digest(i)));
    }
    WatchList watch =
        WatchList.of(
            Map.of(
                "digests",
                List.of("sha256:" + digest(3), "sha256:" + digest(27), "sha256:" + digest(40))));
    List<Finding> findings = new ArrayList<>();
    MonitorState before = step(Optional.empty(), findings, watch);
    assertEquals(1111, before.treeId());
    assertEquals(25, before.size());
    assertEquals(List.of(3L), findings.stream().map(Finding::logIndex).toList());

    // Two more entries in the old tree, then it is frozen and a new tree takes over.
    first.bodies.add(FakeRekorLog.body(digest(25)));
    first.bodies.add(FakeRekorLog.body(digest(26)));
    FakeRekorLog.Tree second = log.rotate(2222);
    for (int i = 27; i < 45; i++) {
      second.bodies.add(FakeRekorLog.body(digest(i)));
    }
    findings.clear();
    MonitorState after = step(Optional.of(before), findings, watch);
    assertEquals(2222, after.treeId());
    assertEquals(27, after.virtualStart());
    assertEquals(18, after.size());
    // digest 27 is leaf 0 of the new tree, virtual index 27; digest 40 is virtual 40.
    assertEquals(List.of(27L, 40L), findings.stream().map(Finding::logIndex).toList());
  }

  @Test
  void entryFromAnotherTreeIsRefused() throws Exception {
    FakeRekorLog.Tree tree = log.rotate(1111);
    for (int i = 0; i < 5; i++) {
      tree.bodies.add(FakeRekorLog.body(digest(i)));
    }
    log.lieAboutTreeId = 3333;
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> step(Optional.empty(), new ArrayList<>(), WatchList.empty()));
    assertEquals("entry 0 is in tree 3333, want 1111", e.getMessage());
  }

  @Test
  void followedTreeThatVanishedIsAFailure() throws Exception {
    FakeRekorLog.Tree tree = log.rotate(1111);
    tree.bodies.add(FakeRekorLog.body(digest(0)));
    MonitorState state = step(Optional.empty(), new ArrayList<>(), WatchList.empty());
    log.trees.clear();
    log.rotate(2222).bodies.add(FakeRekorLog.body(digest(1)));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> step(Optional.of(state), new ArrayList<>(), WatchList.empty()));
    assertTrue(e.getMessage().contains("tree 1111"), e.getMessage());
  }
}
