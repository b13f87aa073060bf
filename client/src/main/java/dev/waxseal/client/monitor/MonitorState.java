package dev.waxseal.client.monitor;

import dev.waxseal.client.http.Json;
import dev.waxseal.merkle.Hash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a monitor has verified so far: the last checkpoint and the compact range of the tree at its
 * size, which lets the next run check new entries against the next checkpoint without re-reading
 * the log.
 *
 * @param log the log URL
 * @param source {@code tiles} or {@code v1}
 * @param keyFingerprint the log key (hex SHA-256 of DER SPKI) the checkpoints were verified with
 * @param treeId the v1 tree being followed (0 for tile logs)
 * @param virtualStart the virtual index of leaf 0 of that tree (0 for tile logs)
 * @param size the verified tree size
 * @param rootHash the verified root at {@code size}
 * @param compactRange the right-edge node hashes at {@code size}, largest first
 * @param checkpoint the verified signed checkpoint
 */
public record MonitorState(
    String log,
    String source,
    String keyFingerprint,
    long treeId,
    long virtualStart,
    long size,
    Hash rootHash,
    List<Hash> compactRange,
    String checkpoint) {

  /** Copies the list. */
  public MonitorState {
    compactRange = List.copyOf(compactRange);
  }

  /**
   * Reads a state file; empty if it does not exist.
   *
   * @throws IOException if it exists but cannot be read or parsed
   */
  public static Optional<MonitorState> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = Json.parse(Files.readAllBytes(file), "state file " + file);
      List<Hash> range = new ArrayList<>();
      for (JsonNode hash : json.path("compactRange")) {
        range.add(Hash.fromHex(hash.stringValue()));
      }
      return Optional.of(
          new MonitorState(
              Json.string(json, "log"),
              Json.string(json, "source"),
              Json.string(json, "keyFingerprint"),
              Json.integer(json, "treeId"),
              Json.integer(json, "virtualStart"),
              Json.integer(json, "size"),
              Hash.fromHex(Json.string(json, "rootHash")),
              range,
              Json.string(json, "checkpoint")));
    } catch (IllegalArgumentException e) {
      throw new IOException("state file " + file + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the state atomically: to a temporary file in the same directory, forced to disk, then
   * renamed over {@code file}. A crash leaves either the old state or the new one.
   */
  public void save(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("log", log);
    json.put("source", source);
    json.put("keyFingerprint", keyFingerprint);
    json.put("treeId", treeId);
    json.put("virtualStart", virtualStart);
    json.put("size", size);
    json.put("rootHash", rootHash.hex());
    json.put("compactRange", compactRange.stream().map(Hash::hex).toList());
    json.put("checkpoint", checkpoint);
    byte[] bytes =
        (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
