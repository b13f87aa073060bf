package dev.waxseal.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.entries.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the entry kinds' HTTP tests need of a running server: create an entry, read it back, check
 * its inclusion proof with merkle's verifier, and read the tree size. Plain JDK HTTP.
 */
public final class LogEntryHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  /** A client of the server on {@code port} of the loopback address. */
  public LogEntryHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A status and a body. */
  public record Response(int status, String body) {
    /** The body as JSON. */
    public JsonNode json() {
      return CanonicalJson.parse(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code POST /api/v1/log/entries} with a proposed entry of {@code kind} 0.0.1. */
  public Response create(String kind, String spec) {
    String entry = "{\"apiVersion\":\"0.0.1\",\"kind\":\"" + kind + "\",\"spec\":" + spec + "}";
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/log/entries"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(entry))
            .build());
  }

  /** {@code GET} of a path. */
  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** The active tree's size now. */
  public long treeSize() {
    return get("/api/v1/log").json().get("treeSize").longValue();
  }

  /**
   * Checks a LogEntry response ({@code {<entryId>: {...}}}) and returns its decoded body: the id
   * ends with the body's leaf hash and the inclusion proof leads from it to the proof's root.
   */
  public static byte[] verifiedBody(Response response) throws Exception {
    JsonNode json = response.json();
    assertThat(json.size()).isEqualTo(1);
    String id = json.propertyNames().iterator().next();
    JsonNode entry = json.get(id);
    byte[] body = Base64.getDecoder().decode(entry.get("body").stringValue());
    Hash leafHash = Rfc6962.leafHash(body);
    assertThat(id).hasSize(80).endsWith(leafHash.hex());
    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    ProofVerifier.verifyInclusion(
        new InclusionProof(
            proof.get("logIndex").longValue(), proof.get("treeSize").longValue(), hashes),
        leafHash,
        Hash.fromHex(proof.get("rootHash").stringValue()));
    return body;
  }

  /** The entry id of a LogEntry response. */
  public static String entryId(Response response) {
    return response.json().propertyNames().iterator().next();
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
