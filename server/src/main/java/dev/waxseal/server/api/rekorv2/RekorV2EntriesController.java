package dev.waxseal.server.api.rekorv2;

import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.server.api.RetryAfter;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.rekorv2.RekorV2Entries;
import dev.waxseal.server.entries.rekorv2.RekorV2Exception;
import dev.waxseal.server.entries.rekorv2.RekorV2Status;
import dev.waxseal.server.log.AppendFailedException;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.DatabaseFault;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.LogOverloadedException;
import dev.waxseal.server.log.LogStorageFullException;
import dev.waxseal.server.log.LogUnavailableException;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.RekorV2Log;
import dev.waxseal.server.signing.RekorV2Keys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v2/log/entries}: rekor-tiles' {@code CreateEntry} over HTTP/JSON. The entry is
 * answered only after the batch holding it committed, with the checkpoint that batch published and
 * the inclusion proof against it (rekor-tiles waits for its next checkpoint, 10 s by default).
 * Duplicates are found in the whole log, not in an LRU of recent entries as rekor-tiles does: 409
 * with the index of the entry already there in {@code x-log-index}.
 */
@RestController
@ConditionalOnProperty(name = "waxseal.rekor-v2.enabled", havingValue = "true")
class RekorV2EntriesController {
  static final String ENTRIES = "/api/v2/log/entries";
  private static final Logger log = LoggerFactory.getLogger(RekorV2EntriesController.class);

  /** What a read that met a database fault tells the client to wait (as the v1 API's reads). */
  private static final Duration READ_RETRY_AFTER = Duration.ofSeconds(1);

  private final RekorV2Entries entries;
  private final RekorV2Log v2;
  private final byte[] logKeyId;

  RekorV2EntriesController(RekorV2Entries entries, RekorV2Log v2, RekorV2Keys keys) {
    this.entries = entries;
    this.v2 = v2;
    this.logKeyId = keys.logKeyId();
  }

  @PostMapping(path = ENTRIES)
  ResponseEntity<byte[]> create(HttpServletRequest request) throws IOException {
    try {
      CanonicalEntry entry = entries.toLogEntry(readBody(request.getInputStream()));
      AppendResult result = append(entry);
      IntegratedEntry row = result.entry();
      PublishedCheckpoint head = result.checkpoint();
      if (row == null || head == null) {
        IntegratedEntry existing =
            v2.reader()
                .entryByLeafHash(result.treeId(), result.leafHash())
                .orElseThrow(() -> new IllegalStateException("duplicate entry not found"));
        return error(RekorV2Status.duplicate(existing.index()));
      }
      InclusionProof proof = v2.reader().inclusionProof(row.treeId(), row.index(), head.size());
      // The C2SP checkpoint the batch signed and stored with its head: the envelope readers get.
      String envelope =
          Objects.requireNonNull(head.c2spNote(), "the v2 log's batch stored no C2SP checkpoint");
      byte[] body = TransparencyLogEntryJson.write(logKeyId, row, proof, head.rootHash(), envelope);
      return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(body);
    } catch (RekorV2Exception e) {
      log.atInfo()
          .addKeyValue("status", e.status().httpStatus())
          .addKeyValue("detail", e.detail())
          .log("v2 entry refused");
      return error(e.status());
    } catch (LogOverloadedException e) {
      return pushback(e.retryAfter());
    } catch (LogUnavailableException e) {
      return pushback(e.retryAfter());
    } catch (LogStorageFullException e) {
      return pushback(e.retryAfter());
    } catch (AppendFailedException e) {
      log.atError().setCause(e).log("v2 append failed");
      return error(RekorV2Status.integrationFailed());
    } catch (RuntimeException e) {
      // A database fault on the reads around the append (the duplicate's index, the proof): not
      // the request's fault, and never a 500; a retry of a stored entry answers 409.
      if (DatabaseFault.of(e).isEmpty()) {
        throw e;
      }
      log.atWarn().setCause(e).log("v2 request met a database fault: 503");
      return pushback(READ_RETRY_AFTER);
    }
  }

  /**
   * Reads at most one byte more than rekor-tiles' limit, so that a body over it is refused without
   * reading it all (the converter then answers "request body too large").
   */
  private byte[] readBody(InputStream in) throws IOException {
    return in.readNBytes(RekorV2Entries.DEFAULT_MAX_REQUEST_BODY_SIZE + 1);
  }

  private AppendResult append(CanonicalEntry entry) {
    PendingEntry pending = PendingEntry.of(entry.kind(), entry.apiVersion(), entry.body());
    try {
      // Blocks until the entry's batch committed: only then is the client answered.
      return v2.appender().append(pending).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AppendFailedException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new AppendFailedException(e);
    }
  }

  /**
   * The queue is full, the database away or its disk full: rekor-tiles' pushback (503, gRPC code
   * 14, its body unchanged), plus the {@code Retry-After} every retryable answer of Waxseal carries
   * (grpc-gateway sends none; a client that ignores it loses nothing).
   */
  private static ResponseEntity<byte[]> pushback(Duration wait) {
    RekorV2Status pushback = RekorV2Status.pushback();
    return response(pushback)
        .header(HttpHeaders.RETRY_AFTER, RetryAfter.header(wait))
        .body(pushback.body());
  }

  static ResponseEntity<byte[]> error(RekorV2Status status) {
    return response(status).body(status.body());
  }

  private static ResponseEntity.BodyBuilder response(RekorV2Status status) {
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(status.httpStatus())
            .header(HttpHeaders.CONTENT_TYPE, status.contentType());
    status.headers().forEach(response::header);
    return response;
  }
}
