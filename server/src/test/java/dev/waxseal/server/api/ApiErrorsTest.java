package dev.waxseal.server.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.log.AppendFailedException;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.CheckpointNotPublishedException;
import dev.waxseal.server.log.LogOverloadedException;
import dev.waxseal.server.log.LogReadException;
import dev.waxseal.server.log.LogStorageFullException;
import dev.waxseal.server.log.LogUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The failures an HTTP test cannot provoke on demand, with the log mocked: an overloaded log (503
 * with Retry-After), a batch that failed (500), a database that cannot be read (500). Each answers
 * with Rekor's body and a stable message, never the cause's text.
 */
@WebMvcTest(controllers = EntriesController.class)
@Import({JsonBodyReader.class, SimpleMeterRegistry.class})
@EnableConfigurationProperties(ApiProperties.class)
class ApiErrorsTest {
  private static final String ENTRY = "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}";

  @Autowired MockMvc mvc;
  @Autowired MeterRegistry registry;
  @MockitoBean EntryKinds kinds;
  @MockitoBean Appender appender;
  @MockitoBean LogEntries entries;
  @MockitoBean EntrySearch search;

  @BeforeEach
  void validEntry() {
    when(kinds.canonicalize(any()))
        .thenReturn(CanonicalEntry.of("hashedrekord", "0.0.1", Signers.utf8("{}"), List.of("k")));
  }

  @Test
  void overloadedLogIs503WithRetryAfter() throws Exception {
    when(appender.append(any()))
        .thenThrow(new LogOverloadedException(8192, Duration.ofMillis(1500)));
    mvc.perform(post("/api/v1/log/entries").contentType(MediaType.APPLICATION_JSON).content(ENTRY))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "2"))
        .andExpect(
            content()
                .json(
                    "{\"code\":503,\"message\":\"the log has too many entries waiting to be"
                        + " integrated; retry after 2 seconds\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
    org.assertj.core.api.Assertions.assertThat(
            registry
                .counter("waxseal.api.errors", "status", "503", "reason", "LogOverloaded")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void failedBatchIs500WithoutItsCause() throws Exception {
    CompletableFuture<AppendResult> failed =
        CompletableFuture.failedFuture(
            new AppendFailedException(new SQLException("ERROR: relation \"entries\" is locked")));
    when(appender.append(any())).thenReturn(failed);
    mvc.perform(post("/api/v1/log/entries").contentType(MediaType.APPLICATION_JSON).content(ENTRY))
        .andExpect(status().isInternalServerError())
        .andExpect(
            content()
                .json(
                    "{\"code\":500,\"message\":\"the entry could not be added to the transparency"
                        + " log; it was not logged, try again\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void unreadableDatabaseIs500WithAGenericMessage() throws Exception {
    when(entries.byIndex(anyLong()))
        .thenThrow(new LogReadException("cannot read entry 3", new SQLException("FATAL: x")));
    mvc.perform(get("/api/v1/log/entries?logIndex=3"))
        .andExpect(status().isInternalServerError())
        .andExpect(
            content()
                .json(
                    "{\"code\":500,\"message\":\"unexpected error communicating with transparency"
                        + " log\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void checkpointNotYetWitnessedIs503WithRetryAfter() throws Exception {
    when(entries.byIndex(anyLong()))
        .thenThrow(
            new CheckpointNotPublishedException(
                "no checkpoint of tree 7 meets the witness policy", Duration.ofMillis(200)));
    mvc.perform(get("/api/v1/log/entries?logIndex=3"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(
            content()
                .json(
                    "{\"code\":503,\"message\":\"no checkpoint of the log has been witnessed"
                        + " yet; retry after 1 s\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
    org.assertj.core.api.Assertions.assertThat(
            registry
                .counter("waxseal.api.errors", "status", "503", "reason", "CheckpointNotPublished")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void commitWithUnknownOutcomeIs503SayingARetryMayAnswer409() throws Exception {
    CompletableFuture<AppendResult> failed =
        CompletableFuture.failedFuture(
            new LogUnavailableException(
                Duration.ofSeconds(1),
                true,
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    when(appender.append(any())).thenReturn(failed);
    mvc.perform(post("/api/v1/log/entries").contentType(MediaType.APPLICATION_JSON).content(ENTRY))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(
            content()
                .json(
                    "{\"code\":503,\"message\":\"the log's database did not confirm whether the"
                        + " entry was stored; retry after 1 seconds: if it was stored, the retry"
                        + " answers 409 with its location\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void databaseAwayIs503AtOnceWithRetryAfter() throws Exception {
    when(appender.append(any())).thenThrow(new LogUnavailableException(Duration.ofMillis(1500)));
    mvc.perform(post("/api/v1/log/entries").contentType(MediaType.APPLICATION_JSON).content(ENTRY))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "2"))
        .andExpect(
            content()
                .json(
                    "{\"code\":503,\"message\":\"the log's database is unavailable; retry after 2"
                        + " seconds\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void fullDiskIs507WithRetryAfter() throws Exception {
    CompletableFuture<AppendResult> failed =
        CompletableFuture.failedFuture(
            new LogStorageFullException(
                Duration.ofSeconds(1),
                new SQLException("could not extend file: No space left on device", "53100")));
    when(appender.append(any())).thenReturn(failed);
    mvc.perform(post("/api/v1/log/entries").contentType(MediaType.APPLICATION_JSON).content(ENTRY))
        .andExpect(status().isInsufficientStorage())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(
            content()
                .json(
                    "{\"code\":507,\"message\":\"the log's database is out of disk space; the"
                        + " entry was not logged, retry after 1 seconds\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void readWhileTheDatabaseIsAwayIs503NotA500() throws Exception {
    when(entries.byIndex(anyLong()))
        .thenThrow(
            new LogReadException(
                "cannot read entry 3",
                new java.sql.SQLTransientConnectionException(
                    "waxseal - Connection is not available, request timed out after 1000ms.")));
    mvc.perform(get("/api/v1/log/entries?logIndex=3"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(
            content()
                .json(
                    "{\"code\":503,\"message\":\"the log's database is unavailable; retry after 1"
                        + " seconds\"}",
                    org.springframework.test.json.JsonCompareMode.STRICT));
  }
}
