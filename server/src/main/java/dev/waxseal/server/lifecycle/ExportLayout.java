package dev.waxseal.server.lifecycle;

import dev.waxseal.client.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The layout of an export directory (docs/lifecycle.md). Each tree is a C2SP tlog-tiles log in a
 * directory of its own, laid out as the live tile API serves it: the first v1 shard at the root,
 * later shards under {@code <treeID>/}, the Rekor v2 log under {@code rekor-v2/}. What tlog-tiles
 * has no place for (tree identity, integrated times, SETs, search keys, every older checkpoint) is
 * in {@code waxseal/} beside each tree's tiles, and {@value #MANIFEST} at the root lists the trees
 * in order. A static web server serving the directory is a read-only tile log.
 */
final class ExportLayout {
  /** The file at the root naming every tree directory, oldest v1 shard first. */
  static final String MANIFEST = "waxseal-export.json";

  /** The format version this code writes and reads. */
  static final int VERSION = 1;

  private ExportLayout() {}

  /** {@value #MANIFEST}: the format version and the tree directories relative to the root. */
  record Manifest(int version, List<String> trees) {}

  /**
   * {@code waxseal/tree.json}: a tree's row and head.
   *
   * @param publicKey base64 DER SubjectPublicKeyInfo
   * @param rootHash hex
   * @param logId hex
   */
  record TreeMeta(
      long treeId,
      String flavour,
      boolean active,
      String logId,
      long virtualOffset,
      String origin,
      String keyId,
      @Nullable String publicKey,
      String tilePrefix,
      @Nullable String tileOrigin,
      long size,
      String rootHash) {}

  /** A line of {@code waxseal/checkpoints.jsonl}: one stored checkpoint, root in hex. */
  record CheckpointMeta(long size, String rootHash, String note, @Nullable String c2spNote) {}

  /**
   * A line of {@code waxseal/entries/<N>}: what the entry bundle of the same name lacks, per entry.
   *
   * @param entryTimestamp base64 SET
   * @param attestation base64, when stored
   */
  record EntryMeta(
      long index,
      String kind,
      String apiVersion,
      long integratedTime,
      String entryTimestamp,
      List<String> searchKeys,
      @Nullable String attestation) {}

  /** The directory of a tree, from its manifest entry. */
  static Path treeDir(Path root, String relative) {
    return relative.isEmpty() ? root : root.resolve(relative);
  }

  /** The metadata sidecar of entry bundle {@code bundle}. */
  static String entriesMetaPath(long bundle) {
    return "waxseal/entries/" + bundle + ".jsonl";
  }

  static String json(Object value) {
    return Json.MAPPER.writeValueAsString(value);
  }

  static <T> T read(Path file, Class<T> type) throws IOException {
    try {
      return Json.MAPPER.readValue(Files.readString(file), type);
    } catch (JacksonException e) {
      throw new IOException(file + ": " + e.getOriginalMessage(), e);
    }
  }

  static <T> T parseLine(String line, Class<T> type, Path file) {
    try {
      return Json.MAPPER.readValue(line, type);
    } catch (JacksonException e) {
      throw new UncheckedIOException(new IOException(file + ": " + e.getOriginalMessage(), e));
    }
  }
}
