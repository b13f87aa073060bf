package dev.waxseal.server.api;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.ShardArchivedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/log/entries/retrieve} (Rekor's {@code searchLogQuery}): up to ten entry ids,
 * virtual indexes and proposed entries in one request. Missing entries are left out, not errors.
 * Results come in Rekor's order: 80-hex ids, then 64-hex UUIDs and proposed entries (found in every
 * tree), then indexes.
 */
@Component
final class EntrySearch {
  private final EntryKinds kinds;
  private final LogEntries entries;

  EntrySearch(EntryKinds kinds, LogEntries entries) {
    this.kinds = kinds;
    this.entries = entries;
  }

  List<Map<String, LogEntryResponse>> retrieve(JsonNode query) {
    if (!query.isObject()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, "entry", "body", "object");
    }
    List<JsonNode> ids = array(query, "entryUUIDs");
    List<JsonNode> indexes = array(query, "logIndexes");
    List<JsonNode> proposed = array(query, "entries");
    if (ids.size() + indexes.size() + proposed.size() > TooManyQueriesException.MAX) {
      throw new TooManyQueriesException();
    }
    List<IntegratedEntry> found = new ArrayList<>();
    List<Hash> byHash = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      EntryId id = entryId(ids.get(i), i);
      if (id.treeId().isPresent()) {
        found.addAll(unlessArchived(() -> entries.byId(id)));
      } else {
        byHash.add(id.leafHash());
      }
    }
    for (JsonNode entry : proposed) {
      byHash.add(canonicalize(entry).leafHash());
    }
    for (Hash leafHash : byHash) {
      found.addAll(entries.byLeafHash(leafHash));
    }
    for (int i = 0; i < indexes.size(); i++) {
      long logIndex = logIndex(indexes.get(i), i);
      found.addAll(unlessArchived(() -> entries.byIndex(logIndex).stream().toList()));
    }
    return found.stream().map(entries::read).toList();
  }

  /**
   * What {@code lookup} finds, or nothing for an entry of an archived shard: like an entry that is
   * not there, it is left out of the list (the single-entry GETs answer 410 for it instead).
   */
  private static List<IntegratedEntry> unlessArchived(
      java.util.function.Supplier<List<IntegratedEntry>> lookup) {
    try {
      return lookup.get();
    } catch (ShardArchivedException e) {
      return List.of();
    }
  }

  private static List<JsonNode> array(JsonNode query, String name) {
    JsonNode value = query.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "body", "array");
    }
    if (value.isEmpty()) {
      throw BadRequestException.format(ApiMessages.MIN_ITEMS, name, "body", 1);
    }
    if (value.size() > TooManyQueriesException.MAX) {
      throw new TooManyQueriesException();
    }
    return List.copyOf(value.values());
  }

  private static EntryId entryId(JsonNode node, int i) {
    String name = "entryUUIDs." + i;
    if (!node.isString()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "body", "string");
    }
    String id = node.stringValue();
    if (!EntryId.matches(id)) {
      if (id.length() == 80) {
        throw BadRequestException.format(ApiMessages.INVALID_ENTRY_ID, id);
      }
      throw BadRequestException.format(ApiMessages.PATTERN, name, "body", EntryId.PATTERN);
    }
    try {
      return EntryId.parse(id);
    } catch (BadRequestException e) {
      throw BadRequestException.format(ApiMessages.INVALID_ENTRY_ID, id);
    }
  }

  private static long logIndex(JsonNode node, int i) {
    String name = "logIndexes." + i;
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw BadRequestException.format(ApiMessages.MUST_BE_OF_TYPE, name, "body", "integer");
    }
    long index = node.longValue();
    if (index < 0) {
      throw BadRequestException.format(ApiMessages.MINIMUM, name, "body", 0);
    }
    return index;
  }

  private CanonicalEntry canonicalize(JsonNode entry) {
    try {
      return kinds.canonicalizeForSearch(entry);
    } catch (InvalidEntryException e) {
      // Rekor's search answers with the bare validation detail, without the create prefix.
      throw new BadRequestException(String.valueOf(e.getMessage()));
    }
  }
}
