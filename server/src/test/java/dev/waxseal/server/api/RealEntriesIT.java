package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real hashedrekord entries from Rekor v1 logs, over HTTP: the request a client would have sent is
 * rebuilt from each stored body and POSTed; Waxseal must store exactly the same canonical bytes and
 * give the same UUID as the real log. The fixtures are the entries feature's copies of every
 * distinct hashedrekord 0.0.1 body in the shared fixtures (rekor-v1 bundles, client-selftest): six
 * of them; the two other distinct hashedrekord bodies there are Rekor v2's 0.0.2.
 */
class RealEntriesIT extends ApiIntegrationTest {
  private static final List<String> FIXTURES =
      List.of(
          "conformance-happy-path-v0.3.bundle.sigstore.json",
          "private-instance-othername.sigstore.json",
          "public-good-logindex-800000000.json",
          "sigstore-java-bundle-with-bad-checkpoint-signature.sigstore.json",
          "sigstore-java-bundle.v3_1.sigstore.json",
          "sigstore-java-rekor-response-entry.json");

  /** The stored body of each fixture, and the UUID the real log gave it when the file says. */
  record RealEntry(String file, byte[] body, String uuid) {}

  private static List<RealEntry> realEntries() throws Exception {
    List<RealEntry> entries = new ArrayList<>();
    for (String file : FIXTURES) {
      JsonNode json;
      try (InputStream in = RealEntriesIT.class.getResourceAsStream("/entries/rekor-v1/" + file)) {
        assertThat(in).as(file).isNotNull();
        json = CanonicalJson.parse(in.readAllBytes());
      }
      String body;
      String uuid = "";
      if (json.has("verificationMaterial")) {
        body =
            json.get("verificationMaterial")
                .get("tlogEntries")
                .get(0)
                .get("canonicalizedBody")
                .stringValue();
      } else if (json.has("body")) {
        body = json.get("body").stringValue();
      } else {
        String entryId = json.propertyNames().iterator().next();
        uuid = entryId.substring(entryId.length() - 64);
        body = json.get(entryId).get("body").stringValue();
      }
      entries.add(new RealEntry(file, Base64.getDecoder().decode(body), uuid));
    }
    return entries;
  }

  /** The request a client sends: same fields, other order and whitespace. */
  private static String proposedEntry(byte[] storedBody) {
    JsonNode spec = CanonicalJson.parse(storedBody).get("spec");
    JsonNode hash = spec.get("data").get("hash");
    return "{\n  \"apiVersion\": \"0.0.1\",\n  \"spec\": {\n    \"data\": {\"hash\": {\"value\": \""
        + hash.get("value").stringValue()
        + "\", \"algorithm\": \""
        + hash.get("algorithm").stringValue()
        + "\"}},\n    \"signature\": {\"publicKey\": {\"content\": \""
        + spec.get("signature").get("publicKey").get("content").stringValue()
        + "\"}, \"content\": \""
        + spec.get("signature").get("content").stringValue()
        + "\"}\n  },\n  \"kind\": \"hashedrekord\"\n}\n";
  }

  @Test
  void realEntriesGetTheRealBodyAndUuidOverHttp() throws Exception {
    Map<String, RealEntry> distinct = new LinkedHashMap<>();
    for (RealEntry entry : realEntries()) {
      distinct.putIfAbsent(Rfc6962.leafHash(entry.body()).hex(), entry);
    }
    assertThat(distinct).hasSize(6);

    for (Map.Entry<String, RealEntry> real : distinct.entrySet()) {
      RealEntry entry = real.getValue();
      ApiClient.Response created = client.post("/api/v1/log/entries", proposedEntry(entry.body()));

      assertThat(created.status()).as(entry.file() + ": " + created.body()).isEqualTo(201);
      byte[] body = Base64.getDecoder().decode(created.entry().get("body").stringValue());
      assertThat(new String(body, StandardCharsets.UTF_8))
          .as(entry.file())
          .isEqualTo(new String(entry.body(), StandardCharsets.UTF_8));
      assertThat(created.entryId()).as(entry.file()).endsWith(real.getKey());
      if (!entry.uuid().isEmpty()) {
        assertThat(created.entryId()).endsWith(entry.uuid());
      }
      verifyLogEntry(created);
      ApiClient.Response read =
          client.get("/api/v1/log/entries/" + created.entryId().substring(16));
      assertThat(read.entry().get("body")).isEqualTo(created.entry().get("body"));
    }
  }
}
