package dev.waxseal.server.entries.cose;

import dev.waxseal.server.entries.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The subject digests of an in-toto statement carried as a COSE payload, as Rekor's cose {@code
 * IndexKeys()} reads them ({@code json.Unmarshal} into in-toto-golang's {@code Statement}): each
 * subject's {@code <algorithm>:<digest>}; nothing if the payload does not decode (Rekor only logs a
 * warning then). Unlike dsse and intoto, no SLSA materials.
 */
final class InTotoSubjects {
  private InTotoSubjects() {}

  static List<String> digestKeys(byte[] payload) {
    JsonNode root;
    try {
      root = CanonicalJson.parse(payload);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (!root.isObject()) {
      return List.of();
    }
    JsonNode subjects = root.get("subject");
    if (subjects == null || subjects.isNull()) {
      return List.of();
    }
    if (!subjects.isArray()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode subject : subjects.values()) {
      if (subject.isNull()) {
        continue;
      }
      if (!subject.isObject()) {
        return List.of();
      }
      JsonNode digest = subject.get("digest");
      if (digest == null || digest.isNull()) {
        continue;
      }
      if (!digest.isObject()) {
        return List.of();
      }
      for (Map.Entry<String, JsonNode> entry : digest.properties()) {
        if (!entry.getValue().isString() && !entry.getValue().isNull()) {
          return List.of();
        }
        String value = entry.getValue().isNull() ? "" : entry.getValue().stringValue();
        keys.add(entry.getKey() + ":" + value);
      }
    }
    return keys;
  }
}
