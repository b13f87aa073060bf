package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.lifecycle.LifecycleCommands;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Fault injection, sunlight style: a failure at each stage of a batch, before the stage ran and
 * after it ran. Every row checks what was persisted, that the callers were told the truth (an entry
 * that is in the log is answered with its stored index and time, never "not logged"), that this
 * process's memory agrees with the database, that the next batch continues from a consistent state,
 * and that {@code audit} holds.
 *
 * <pre>
 * stage                   fails before it ran             fails after it ran
 * sign entry timestamps   nothing persisted, 500          nothing persisted (rolled back), 500
 * insert entries          nothing persisted, 500          nothing persisted (rolled back), 500
 * write tiles             nothing persisted, 500          nothing persisted (rolled back), 500
 * sign checkpoint         nothing persisted, 500          nothing persisted (rolled back), 500
 * write checkpoint        nothing persisted, 500          nothing persisted (rolled back), 500
 * commit                  nothing persisted, 500          PERSISTED, callers get their entries
 * update memory           PERSISTED, callers get theirs   PERSISTED, callers get their entries
 * </pre>
 *
 * (500: an injected bug, not a database fault; the API answers it "not logged", which is true.)
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

  @Autowired Environment environment;

  /** The audit command against this class's database, once a row has run. */
  private static String @Nullable [] auditArguments;

  static List<Arguments> faults() {
    List<Arguments> rows = new ArrayList<>();
    for (BatchStage stage : BatchStage.values()) {
      boolean committed = stage.compareTo(BatchStage.COMMIT) > 0;
      rows.add(Arguments.of(stage, "before", committed));
      rows.add(Arguments.of(stage, "after", committed || stage == BatchStage.COMMIT));
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
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
    try (Appender faulty = faultyAppender(stage, after)) {
      for (PendingEntry entry : entries) {
        futures.add(faulty.append(entry));
      }
      for (CompletableFuture<AppendResult> f : futures) {
        try {
          f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // answered with an error: checked below against what the database holds
        }
      }
    }

    long treeId = tree.activeTreeId();
    long sizeAfterFault = store.head(treeId).size();
    assertThat(sizeAfterFault).isEqualTo(before.size() + (persisted ? BATCH : 0));
    for (int i = 0; i < BATCH; i++) {
      Optional<IntegratedEntry> stored = reader.entryByLeafHash(treeId, entries.get(i).leafHash());
      assertThat(stored.isPresent()).isEqualTo(persisted);
      assertToldTheTruth(futures.get(i), stored);
      if (persisted) {
        // Here the answers were known: every caller got its entry (the API's 201).
        assertThat(futures.get(i)).isCompleted().isNotCompletedExceptionally();
      }
    }
    // What this process answers reads from agrees with the database, whatever failed.
    assertThat(tree.knownCheckpoint().size()).isEqualTo(sizeAfterFault);

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
    // The whole log, recomputed from the stored entries, holds (every tree, every checkpoint):
    // here after each batch that committed despite its fault, and after all rows (auditAtTheEnd;
    // the audit starts a context of its own, ~2 s, too dear for every row).
    auditArguments = auditArguments();
    if (persisted) {
      audit(auditArguments);
    }
  }

  @AfterAll
  static void auditAtTheEnd() {
    if (auditArguments != null) {
      audit(auditArguments);
    }
  }

  private static void audit(String[] arguments) {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      status = LifecycleCommands.run(arguments, out);
    }
    assertThat(status).as(report.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(report.toString(StandardCharsets.UTF_8)).contains("audit: OK");
  }

  /**
   * The appender's own work after a committed batch (here the after-commit listener, which auto
   * rotation uses) failing: the batch's callers have their entries, and the integrator thread goes
   * on to the next batch instead of dying with the exception.
   */
  @Test
  void aFailingAfterCommitListenerNeitherFailsTheBatchNorStopsTheAppender() throws Exception {
    BatchIntegration integration =
        new BatchIntegration(store, tree, Clock.systemUTC(), tileCache, BatchStage.Listener.NONE);
    Appender.AfterCommit failing =
        checkpoint -> {
          throw new IllegalStateException("injected failure after commit");
        };
    try (Appender appender =
        new Appender(
            integration,
            new AppenderProperties(64, Duration.ofMillis(50), 100, Duration.ofSeconds(1), 0),
            new SimpleMeterRegistry(),
            failing,
            DatabaseAvailability.assumed())) {
      for (int batch = 0; batch < 2; batch++) {
        PendingEntry entry = newEntries().get(0);
        AppendResult result = appender.append(entry).get(30, TimeUnit.SECONDS);
        assertToldTheTruth(
            CompletableFuture.completedFuture(result),
            reader.entryByLeafHash(result.treeId(), entry.leafHash()));
      }
    }
  }

  /**
   * The bar for every caller of a batch: an entry that is in the log was answered with its stored
   * index and integrated time (201), or with "the outcome is unknown, retry" (503); never with an
   * error that says it was not logged. An entry that is not in the log was never acknowledged.
   */
  private static void assertToldTheTruth(
      CompletableFuture<AppendResult> answer, Optional<IntegratedEntry> stored) {
    assertThat(answer).isDone();
    if (stored.isEmpty()) {
      assertThat(answer)
          .as("an entry not in the log was never acknowledged")
          .isCompletedExceptionally();
      return;
    }
    if (answer.isCompletedExceptionally()) {
      assertThatThrownBy(answer::join)
          .cause()
          .as("a stored entry's caller was told it was not logged")
          .isInstanceOfSatisfying(
              LogUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
      return;
    }
    AppendResult result = answer.join();
    IntegratedEntry entry = stored.get();
    IntegratedEntry told = Objects.requireNonNull(result.entry(), "a stored entry told duplicate");
    assertThat(told.index()).isEqualTo(entry.index());
    assertThat(told.integratedTime()).isEqualTo(entry.integratedTime());
    assertThat(told.entryTimestamp()).isEqualTo(entry.entryTimestamp());
    assertThat(Objects.requireNonNull(result.checkpoint()).size()).isGreaterThan(entry.index());
  }

  private String[] auditArguments() {
    return new String[] {
      "audit",
      "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
      "--spring.datasource.username="
          + environment.getRequiredProperty("spring.datasource.username"),
      "--spring.datasource.password="
          + environment.getRequiredProperty("spring.datasource.password"),
      "--waxseal.data-dir=" + environment.getRequiredProperty("waxseal.data-dir"),
      "--logging.level.root=WARN"
    };
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
