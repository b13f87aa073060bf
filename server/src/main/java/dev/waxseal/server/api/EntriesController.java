package dev.waxseal.server.api;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.warmup.WarmupRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/log/entries}: create an entry (201, or 409 for a duplicate), read one by virtual
 * index or by entry id, and retrieve several ({@link EntrySearch}).
 */
@RestController
final class EntriesController {
  private static final Logger log = LoggerFactory.getLogger(EntriesController.class);
  private static final String ENTRIES = "/api/v1/log/entries";

  private final EntryKinds kinds;
  private final Appender appender;
  private final LogEntries entries;
  private final EntrySearch search;
  private final JsonBodyReader bodies;

  EntriesController(
      EntryKinds kinds,
      Appender appender,
      LogEntries entries,
      EntrySearch search,
      JsonBodyReader bodies) {
    this.kinds = kinds;
    this.appender = appender;
    this.entries = entries;
    this.search = search;
    this.bodies = bodies;
  }

  @PostMapping(
      path = ENTRIES,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, LogEntryResponse>> create(HttpServletRequest request)
      throws IOException, InterruptedException {
    JsonNode proposed =
        bodies.read("proposedEntry", request.getInputStream(), request.getContentLengthLong());
    CanonicalEntry entry;
    try {
      entry = kinds.canonicalize(proposed);
    } catch (InvalidEntryException e) {
      // The warm-up's own entries (refused on purpose) would flood the log at start-up.
      (WarmupRequests.isWarmup(request) ? log.atDebug() : log.atInfo())
          .addKeyValue("reason", e.reason())
          .addKeyValue("detail", e.getMessage())
          .log("entry refused");
      throw new BadRequestException(e.clientMessage());
    }
    AppendResult result = append(entry);
    String entryId = EntryId.format(result.treeId(), result.leafHash());
    String location = Locations.entry(request, entryId);
    IntegratedEntry row = result.entry();
    PublishedCheckpoint checkpoint = result.checkpoint();
    if (row == null || checkpoint == null) {
      throw new DuplicateEntryException(entryId, location);
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.ETAG, entryId)
        .header(HttpHeaders.LOCATION, location)
        .body(
            entries.created(
                entryId, row, result.virtualIndex(), checkpoint, entry.attestation().orElse(null)));
  }

  private AppendResult append(CanonicalEntry entry) throws InterruptedException {
    PendingEntry pending =
        new PendingEntry(
            entry.kind(),
            entry.apiVersion(),
            entry.body(),
            entry.leafHash(),
            entry.searchKeys(),
            entry.attestation().orElse(null));
    try {
      // Blocks until the entry's batch committed: only then is the client answered.
      return appender.append(pending).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("append failed", e.getCause());
    }
  }

  @GetMapping(path = ENTRIES, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, LogEntryResponse> byIndex(@RequestParam("logIndex") String logIndex) {
    long index = QueryParameters.integer("logIndex", logIndex, 0);
    IntegratedEntry entry =
        entries
            .byIndex(index)
            .orElseThrow(
                () ->
                    new EntryNotFoundException(
                        String.format(ApiMessages.ENTRY_INDEX_NOT_FOUND, index)));
    return entries.read(entry);
  }

  @GetMapping(path = ENTRIES + "/{entryUUID}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, LogEntryResponse> byId(@PathVariable("entryUUID") String entryUuid) {
    if (!EntryId.matches(entryUuid)) {
      throw BadRequestException.format(ApiMessages.PATTERN, "entryUUID", "path", EntryId.PATTERN);
    }
    List<IntegratedEntry> found = entries.byId(EntryId.parse(entryUuid));
    if (found.isEmpty()) {
      throw new EntryNotFoundException(String.format(ApiMessages.ENTRY_NOT_FOUND, entryUuid));
    }
    return entries.read(found.get(0));
  }

  @PostMapping(
      path = ENTRIES + "/retrieve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, LogEntryResponse>> retrieve(HttpServletRequest request) throws IOException {
    JsonNode query = bodies.read("entry", request.getInputStream(), request.getContentLengthLong());
    return search.retrieve(query);
  }
}
