package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.testing.FaultProxy;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The connection to PostgreSQL is lost while a batch's COMMIT is under way (a real one: the batch
 * goes through {@link FaultProxy}, which stops forwarding just before COMMIT is sent). The batch's
 * outcome is then unknown to the server, so its callers are told neither 201 nor "not logged" but
 * 503 + Retry-After with the outcome marked unknown; a retry of each entry then finds it exactly
 * once: as a duplicate (409) when the COMMIT reached PostgreSQL after all, as a new entry (201)
 * when it did not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class CommitOutcomeIT extends PostgresIntegrationTest {
  private static final int BATCH = 5;

  @Autowired Appender healthyAppender;
  @Autowired PostgresLogStore store;
  @Autowired LogTree tree;
  @Autowired Environment environment;

  @ParameterizedTest(name = "COMMIT reaches PostgreSQL after the client gave up: {0}")
  @ValueSource(booleans = {true, false})
  void unknownOutcomeIsNeverAcknowledgedAndRetriesFindTheEntryOnce(boolean commitArrives)
      throws Exception {
    URI db = URI.create(environment.getRequiredProperty("spring.datasource.url").substring(5));
    long sizeBefore = store.head(tree.activeTreeId()).size();
    List<PendingEntry> entries = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      entries.add(AppenderIT.entry("commit outcome " + UUID.randomUUID()));
    }
    try (FaultProxy proxy = new FaultProxy(db.getPort());
        HikariDataSource proxied = proxiedPool(db, proxy.port())) {
      BatchStage.Listener stallAtCommit =
          new BatchStage.Listener() {
            @Override
            public void before(BatchStage stage) {
              if (stage == BatchStage.COMMIT) {
                proxy.stall();
              }
            }
          };
      BatchIntegration integration =
          new BatchIntegration(
              new PostgresLogStore(proxied),
              tree,
              Clock.systemUTC(),
              new TileCache(0),
              stallAtCommit);
      try (Appender appender =
          new Appender(
              integration,
              new AppenderProperties(64, Duration.ofMillis(50), 100, Duration.ofSeconds(1), 0),
              new SimpleMeterRegistry())) {
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        for (PendingEntry entry : entries) {
          futures.add(appender.append(entry));
        }
        for (CompletableFuture<AppendResult> f : futures) {
          // Told within the 2 s socket timeout (plus slack), never acknowledged.
          assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .cause()
              .isInstanceOfSatisfying(
                  LogUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
        }
        if (!commitArrives) {
          proxy.cutAll(); // the held COMMIT is dropped with the connection: PostgreSQL rolls back
        }
        proxy.resume(); // or the held COMMIT arrives now, after the client gave up
      }
      long expected = sizeBefore + (commitArrives ? BATCH : 0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (store.head(tree.activeTreeId()).size() != expected && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(store.head(tree.activeTreeId()).size()).isEqualTo(expected);
    }
    // Retrying each entry finds it exactly once: a duplicate if it committed, new if not.
    for (PendingEntry entry : entries) {
      AppendResult retried = healthyAppender.append(entry).get(30, TimeUnit.SECONDS);
      assertThat(retried.duplicate()).isEqualTo(commitArrives);
    }
    assertThat(store.head(tree.activeTreeId()).size()).isEqualTo(sizeBefore + BATCH);
  }

  private static HikariDataSource proxiedPool(URI db, int proxyPort) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxyPort + db.getPath());
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(1000);
    config.addDataSourceProperty("socketTimeout", "2");
    return new HikariDataSource(config);
  }
}
