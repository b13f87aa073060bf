package dev.waxseal.client.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.waxseal.client.http.Json;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A sharded Rekor v1 log in memory, served over HTTP with the parts of the API a monitor reads:
 * {@code GET /api/v1/log} (with {@code inactiveShards}) and {@code POST
 * /api/v1/log/entries/retrieve} (virtual indexes, 80-hex entry ids). Checkpoints are signed in
 * Rekor's dialect with a P-256 key.
 */
final class FakeRekorLog implements AutoCloseable {
  static final String HOST = "fake.rekor.example";

  /** One tree: its id and its leaves. */
  static final class Tree {
    final long treeId;
    final List<byte[]> bodies = new ArrayList<>();

    Tree(long treeId) {
      this.treeId = treeId;
    }
  }

  final List<Tree> trees = new ArrayList<>(); // oldest first, the last one is active
  final KeyPair key;

  /** When set, entries are served with this tree id in their 80-hex id, whatever their tree. */
  volatile long lieAboutTreeId = 0;

  private final HttpServer server;

  FakeRekorLog() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    key = generator.generateKeyPair();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/log", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  Tree rotate(long treeId) {
    Tree tree = new Tree(treeId);
    trees.add(tree);
    return tree;
  }

  static byte[] body(String digestHex) {
    return ("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
            + "{\"algorithm\":\"sha256\",\"value\":\""
            + digestHex
            + "\"}}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] response;
      if (path.equals("/api/v1/log")) {
        List<Map<String, Object>> inactive = new ArrayList<>();
        for (Tree tree : trees.subList(0, trees.size() - 1)) {
          inactive.add(shard(tree));
        }
        Map<String, Object> info = shard(trees.get(trees.size() - 1));
        info.put("inactiveShards", inactive);
        response = Json.MAPPER.writeValueAsBytes(info);
      } else if (path.equals("/api/v1/log/entries/retrieve")) {
        JsonNode request = Json.parse(exchange.getRequestBody().readAllBytes(), "request");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode index : request.get("logIndexes")) {
          entries.add(entry(index.longValue()));
        }
        response = Json.MAPPER.writeValueAsBytes(entries);
      } else {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private Map<String, Object> entry(long virtual) {
    long start = 0;
    for (Tree tree : trees) {
      if (virtual < start + tree.bodies.size()) {
        byte[] body = tree.bodies.get((int) (virtual - start));
        long idTree = lieAboutTreeId != 0 ? lieAboutTreeId : tree.treeId;
        String id = String.format("%016x", idTree) + Rfc6962.leafHash(body).hex();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("body", Base64.getEncoder().encodeToString(body));
        fields.put("integratedTime", 1700000000L);
        fields.put("logID", "00".repeat(32));
        fields.put("logIndex", virtual);
        return Map.of(id, fields);
      }
      start += tree.bodies.size();
    }
    throw new IllegalArgumentException("no entry " + virtual);
  }

  private Map<String, Object> shard(Tree tree) throws GeneralSecurityException {
    CompactRange range = CompactRange.empty();
    tree.bodies.forEach(body -> range.append(Rfc6962.leafHash(body)));
    Hash root = range.rootHash();
    Checkpoint checkpoint =
        new Checkpoint(
            NoteKeys.rekorOrigin(HOST, tree.treeId), tree.bodies.size(), root, List.of());
    NoteSigner signer =
        new NoteSigner() {
          @Override
          public String keyName() {
            return HOST;
          }

          @Override
          public int keyId() {
            return NoteKeys.spkiKeyId(key.getPublic().getEncoded());
          }

          @Override
          public byte[] sign(byte[] message) throws GeneralSecurityException {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key.getPrivate());
            signature.update(message);
            return signature.sign();
          }
        };
    Map<String, Object> shard = new LinkedHashMap<>();
    shard.put("rootHash", root.hex());
    shard.put("treeSize", tree.bodies.size());
    shard.put("signedTreeHead", checkpoint.sign(List.of(signer)).format());
    shard.put("treeID", Long.toString(tree.treeId));
    return shard;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
