package dev.waxseal.client.monitor;

import dev.waxseal.client.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A watched item found in a verified entry.
 *
 * @param logIndex the entry's (virtual) index in the log
 * @param uuid the entry's leaf hash, hex
 * @param kind the entry kind
 * @param field the watch list that matched ({@code emails}, {@code digests}, …)
 * @param value the value in the entry that matched
 */
public record Finding(long logIndex, String uuid, String kind, String field, String value) {
  /** The finding as one line of JSON (no newline). */
  public String toJsonLine() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "finding");
    json.put("logIndex", logIndex);
    json.put("uuid", uuid);
    json.put("kind", kind);
    json.put("field", field);
    json.put("value", value);
    return Json.MAPPER.writeValueAsString(json);
  }
}
