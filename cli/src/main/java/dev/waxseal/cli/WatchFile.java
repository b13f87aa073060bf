package dev.waxseal.cli;

import dev.waxseal.client.monitor.WatchList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code watch.yaml}: optional lists {@code emails}, {@code uris}, {@code issuers}, {@code
 * fingerprints}, {@code digests} and {@code subjects} of strings.
 */
final class WatchFile {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private WatchFile() {}

  /**
   * Parses the file.
   *
   * @throws IllegalArgumentException naming the list and entry that is wrong
   */
  static WatchList read(Path file) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return WatchList.empty();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(file + ": want a mapping of lists, e.g. emails: [a@b.c]");
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : root.properties()) {
      List<String> values = new ArrayList<>();
      JsonNode list = member.getValue();
      if (list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        throw new IllegalArgumentException(file + ": " + member.getKey() + " must be a list");
      }
      for (JsonNode value : list) {
        if (!value.isString()) {
          throw new IllegalArgumentException(
              file + ": " + member.getKey() + " holds " + value + ", want strings");
        }
        values.add(value.stringValue());
      }
      lists.put(member.getKey(), values);
    }
    return WatchList.of(lists);
  }
}
