package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Fault injection, sunlight style: a failure at each stage of a batch's transaction, before the
 * stage ran and after it ran. Every row checks what was persisted, that the callers were told, and
 * that the next batch continues from a consistent state.
 *
 * <pre>
 * stage                   fails before it ran        fails after it ran
 * sign entry timestamps   nothing persisted          nothing persisted (rolled back)
 * insert entries          nothing persisted          nothing persisted (rolled back)
 * write tiles             nothing persisted          nothing persisted (rolled back)
 * sign checkpoint         nothing persisted          nothing persisted (rolled back)
 * write checkpoint        nothing persisted          nothing persisted (rolled back)
 * commit                  nothing persisted          PERSISTED, callers still got an error
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class BatchFaultIT extends PostgresIntegrationTest {
  private static final int BATCH = 5;

  @Autowired Appender healthyAppender;
  @Autowired PostgresLogStore store;
  @Autowired LogTree tree;
  @Autowired LogReader reader;
  @Autowired TileCache tileCache;

  static List<Arguments> faults() {
    List<Arguments> rows = new ArrayList<>();
    for (BatchStage stage : BatchStage.values()) {
      rows.add(Arguments.of(stage, "before", false));
      rows.add(Arguments.of(stage, "after", stage == BatchStage.COMMIT));
    }
    return rows;
  }

  @ParameterizedTest(name = "{0} fails {1} it ran: persisted={2}")
  @MethodSource("faults")
  void theLogStaysConsistentAndContinues(BatchStage stage, String when, boolean persisted)
      throws Exception {
    boolean after = when.equals("after");
    PublishedCheckpoint before = reader.latestCheckpoint();
    List<PendingEntry> entries = newEntries();
    try (Appender faulty = faultyAppender(stage, after)) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      for (PendingEntry entry : entries) {
        futures.add(faulty.append(entry));
      }
      for (CompletableFuture<AppendResult> f : futures) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(AppendFailedException.class);
      }
    }

    long sizeAfterFault = store.head(tree.activeTreeId()).size();
    assertThat(sizeAfterFault).isEqualTo(before.size() + (persisted ? BATCH : 0));
    for (PendingEntry entry : entries) {
      assertThat(reader.entryByLeafHash(tree.activeTreeId(), entry.leafHash()).isPresent())
          .isEqualTo(persisted);
    }

    // The next batch continues from whatever the database holds.
    List<AppendResult> next = new ArrayList<>();
    for (PendingEntry entry : newEntries()) {
      next.add(healthyAppender.append(entry).get(30, TimeUnit.SECONDS));
    }
    PublishedCheckpoint latest = reader.latestCheckpoint();
    assertThat(latest.size()).isEqualTo(sizeAfterFault + BATCH);
    for (AppendResult r : next) {
      assertThat(r.entry().index()).isGreaterThanOrEqualTo(sizeAfterFault);
      ProofVerifier.verifyInclusion(
          reader.inclusionProof(r.treeId(), r.entry().index(), latest.size()),
          r.leafHash(),
          latest.rootHash());
    }
    ProofVerifier.verifyConsistency(
        reader.consistencyProof(tree.activeTreeId(), before.size(), latest.size()),
        before.rootHash(),
        latest.rootHash());
    // Resubmitting the failed entries: integrated now, or duplicates if they had persisted.
    for (PendingEntry entry : entries) {
      assertThat(healthyAppender.append(entry).get(30, TimeUnit.SECONDS).duplicate())
          .isEqualTo(persisted);
    }
  }

  private Appender faultyAppender(BatchStage failing, boolean after) {
    BatchStage.Listener fault =
        new BatchStage.Listener() {
          @Override
          public void before(BatchStage stage) {
            if (stage == failing && !after) {
              throw new IllegalStateException("injected failure before " + stage);
            }
          }

          @Override
          public void after(BatchStage stage) {
            if (stage == failing && after) {
              throw new IllegalStateException("injected failure after " + stage);
            }
          }
        };
    BatchIntegration integration =
        new BatchIntegration(store, tree, Clock.systemUTC(), tileCache, fault);
    return new Appender(
        integration,
        new AppenderProperties(64, Duration.ofMillis(50), 100, Duration.ofSeconds(1), 0),
        new SimpleMeterRegistry());
  }

  private static List<PendingEntry> newEntries() {
    List<PendingEntry> entries = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      entries.add(AppenderIT.entry("fault " + UUID.randomUUID()));
    }
    return entries;
  }
}
