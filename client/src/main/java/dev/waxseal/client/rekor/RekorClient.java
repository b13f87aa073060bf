package dev.waxseal.client.rekor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.Json;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Rekor v1 REST log (Waxseal or Rekor): {@code /api/v1/log}, entries, proofs and the key.
 *
 * <p>Answers are parsed strictly; a malformed answer is a {@link FetchException}, since a client
 * cannot verify what it cannot read, and retrying a bad answer is the caller's choice.
 */
public final class RekorClient {
  private static final Pattern ENTRY_ID = Pattern.compile("[0-9a-f]{64}|[0-9a-f]{80}");

  /** Rekor's limit on {@code POST /api/v1/log/entries/retrieve}. */
  public static final int MAX_RETRIEVE = 10;

  private final HttpFetcher http;
  private final URI base;

  /** A reader of the log at {@code base} (e.g. {@code https://rekor.sigstore.dev}). */
  public RekorClient(HttpFetcher http, URI base) {
    this.http = http;
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
  }

  /** {@code GET /api/v1/log}. */
  public LogInfo logInfo() throws FetchException, InterruptedException {
    JsonNode json = get("api/v1/log");
    try {
      List<ShardInfo> inactive = new ArrayList<>();
      JsonNode shards = json.path("inactiveShards");
      for (JsonNode shard : shards) {
        inactive.add(shard(shard));
      }
      return new LogInfo(shard(json), inactive);
    } catch (IllegalArgumentException e) {
      throw new FetchException("GET /api/v1/log: " + e.getMessage(), 200);
    }
  }

  /** {@code GET /api/v1/log/publicKey}, as PEM; {@code treeId} selects a shard if given. */
  public String publicKeyPem(Optional<Long> treeId) throws FetchException, InterruptedException {
    String path = "api/v1/log/publicKey" + treeId.map(id -> "?treeID=" + id).orElse("");
    return new String(http.get(base.resolve(path)), StandardCharsets.UTF_8);
  }

  /** {@code GET /api/v1/log/entries?logIndex=N}; empty on 404. */
  public Optional<LogEntry> entryByIndex(long index) throws FetchException, InterruptedException {
    Optional<byte[]> body = http.getIfPresent(base.resolve("api/v1/log/entries?logIndex=" + index));
    if (body.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(single(parse(body.get(), "entry " + index)));
  }

  /** {@code GET /api/v1/log/entries/{uuid}} (64 or 80 hex); empty on 404. */
  public Optional<LogEntry> entryByUuid(String uuid) throws FetchException, InterruptedException {
    if (!ENTRY_ID.matcher(uuid).matches()) {
      throw new IllegalArgumentException("entry id " + uuid + " is not 64 or 80 lower-case hex");
    }
    Optional<byte[]> body = http.getIfPresent(base.resolve("api/v1/log/entries/" + uuid));
    if (body.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(single(parse(body.get(), "entry " + uuid)));
  }

  /**
   * {@code POST /api/v1/log/entries/retrieve} with up to ten virtual indexes; the log omits indexes
   * it does not have, so the result may be shorter.
   */
  public List<LogEntry> entriesByIndex(List<Long> indexes)
      throws FetchException, InterruptedException {
    if (indexes.isEmpty() || indexes.size() > MAX_RETRIEVE) {
      throw new IllegalArgumentException(
          "retrieve takes 1 to " + MAX_RETRIEVE + " indexes, got " + indexes.size());
    }
    String request = Json.MAPPER.writeValueAsString(Map.of("logIndexes", indexes));
    byte[] response = http.postJson(base.resolve("api/v1/log/entries/retrieve"), request);
    JsonNode array = Json.parse(response, "retrieve response");
    List<LogEntry> entries = new ArrayList<>();
    for (JsonNode object : array) {
      entries.addAll(parse(object, "retrieve response"));
    }
    return entries;
  }

  /** {@code GET /api/v1/log/proof}: the consistency proof from {@code size1} to {@code size2}. */
  public RootedProof consistencyProof(long size1, long size2, Optional<Long> treeId)
      throws FetchException, InterruptedException {
    String path =
        "api/v1/log/proof?firstSize="
            + size1
            + "&lastSize="
            + size2
            + treeId.map(id -> "&treeID=" + id).orElse("");
    JsonNode json = get(path);
    try {
      List<Hash> hashes = new ArrayList<>();
      for (JsonNode hash : json.path("hashes")) {
        hashes.add(Hash.fromHex(hash.stringValue()));
      }
      return new RootedProof(
          new ConsistencyProof(size1, size2, hashes), Hash.fromHex(Json.string(json, "rootHash")));
    } catch (IllegalArgumentException e) {
      throw new FetchException("GET " + path + ": " + e.getMessage(), 200);
    }
  }

  /** A consistency proof and the root at its second size, as the log answered. */
  public record RootedProof(ConsistencyProof proof, Hash rootHash) {}

  /** Parses a {@code LogEntry} response object ({@code {"<id>": {…}}}). */
  public static List<LogEntry> parse(byte[] json, String what) throws FetchException {
    return parse(Json.parse(json, what), what);
  }

  private static List<LogEntry> parse(JsonNode object, String what) throws FetchException {
    List<LogEntry> entries = new ArrayList<>();
    try {
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        entries.add(entry(member.getKey(), member.getValue()));
      }
    } catch (IllegalArgumentException e) {
      throw new FetchException(what + ": " + e.getMessage(), 200);
    }
    return entries;
  }

  private static LogEntry single(List<LogEntry> entries) throws FetchException {
    if (entries.size() != 1) {
      throw new FetchException(
          "a LogEntry must have exactly one member, got " + entries.size(), 200);
    }
    return entries.get(0);
  }

  private static LogEntry entry(String id, JsonNode json) {
    if (!ENTRY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("entry id " + id + " is not 64 or 80 lower-case hex");
    }
    JsonNode verification = json.path("verification");
    JsonNode proof = verification.path("inclusionProof");
    Optional<InclusionProof> inclusion = Optional.empty();
    Optional<Hash> root = Optional.empty();
    Optional<String> checkpoint = Optional.empty();
    if (proof.isObject()) {
      List<Hash> hashes = new ArrayList<>();
      for (JsonNode hash : proof.path("hashes")) {
        hashes.add(Hash.fromHex(hash.stringValue()));
      }
      inclusion =
          Optional.of(
              new InclusionProof(
                  Json.integer(proof, "logIndex"), Json.integer(proof, "treeSize"), hashes));
      root = Optional.of(Hash.fromHex(Json.string(proof, "rootHash")));
      checkpoint = Optional.of(Json.string(proof, "checkpoint"));
    }
    Optional<byte[]> set =
        verification.path("signedEntryTimestamp").isString()
            ? Optional.of(
                Base64.getDecoder().decode(verification.get("signedEntryTimestamp").stringValue()))
            : Optional.empty();
    JsonNode attestationData = json.path("attestation").path("data");
    Optional<byte[]> attestation =
        attestationData.isString()
            ? Optional.of(Base64.getDecoder().decode(attestationData.stringValue()))
            : Optional.empty();
    return new LogEntry(
        id,
        Json.string(json, "body"),
        Json.integer(json, "integratedTime"),
        Json.string(json, "logID"),
        Json.integer(json, "logIndex"),
        inclusion,
        root,
        checkpoint,
        set,
        attestation);
  }

  private static ShardInfo shard(JsonNode json) {
    String treeId = Json.string(json, "treeID");
    return new ShardInfo(
        Long.parseLong(treeId),
        Json.integer(json, "treeSize"),
        Hash.fromHex(Json.string(json, "rootHash")),
        Json.string(json, "signedTreeHead"));
  }

  private JsonNode get(String path) throws FetchException, InterruptedException {
    try {
      return Json.parse(http.get(base.resolve(path)), "GET /" + path);
    } catch (IllegalArgumentException e) {
      throw new FetchException("GET /" + path + ": " + String.valueOf(e.getMessage()), 200);
    }
  }
}
