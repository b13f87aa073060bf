package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every entry kind other than hashedrekord, per signature algorithm and with a key or a
 * certificate, over real HTTP: create (201, ETag, Location, inclusion proof, checkpoint and SET
 * verified, attestation for intoto), the same entry again (409 with Location), reads by 64- and
 * 80-hex id, a search by every key the kind indexes, and a copy with one signature byte flipped
 * (400, tree unchanged). Each row is created once, by whichever of its tests runs first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryKindsOverHttpIT extends ApiIntegrationTest {
  private final Map<String, ApiClient.Response> created = new HashMap<>();

  static List<KindCases.Case> cases() {
    return KindCases.all();
  }

  static List<KindCases.Case> nonX509Rekords() {
    return KindCases.withKeyQuery();
  }

  /** The row's create response: POSTed once, checked to be a 201. */
  private ApiClient.Response created(KindCases.Case c) {
    return created.computeIfAbsent(
        c.name(),
        n -> {
          ApiClient.Response response = client.post("/api/v1/log/entries", c.request());
          assertThat(response.status()).as(c.name() + ": " + response.body()).isEqualTo(201);
          return response;
        });
  }

  private void assertAttestation(KindCases.Case c, JsonNode entry) {
    if (c.attestation().isEmpty()) {
      assertThat(entry.has("attestation")).as("attestation").isFalse();
    } else {
      assertThat(entry.get("attestation").get("data").stringValue()).isEqualTo(c.attestation());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void createsAVerifiableEntry(KindCases.Case c) throws Exception {
    ApiClient.Response response = created(c);

    String id = response.entryId();
    assertThat(response.header("ETag")).isEqualTo(id);
    assertThat(response.header("Location")).isEqualTo("/api/v1/log/entries/" + id);
    verifyLogEntry(response);
    assertAttestation(c, response.entry());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSameEntryAgainIs409WithLocation(KindCases.Case c) {
    String id = created(c).entryId();
    long size = client.treeSize();

    ApiClient.Response again = client.post("/api/v1/log/entries", c.request());

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo(
            "{\"code\":409,\"message\":\"an equivalent entry already exists in the transparency"
                + " log with UUID "
                + id
                + "\"}");
    assertThat(again.header("Location")).isEqualTo("/api/v1/log/entries/" + id);
    assertThat(client.treeSize()).isEqualTo(size);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsByBothIdFormsTheSameEntry(KindCases.Case c) throws Exception {
    ApiClient.Response response = created(c);
    String id = response.entryId();

    for (String path : List.of(id, id.substring(16))) {
      ApiClient.Response read = client.get("/api/v1/log/entries/" + path);
      assertThat(read.status()).as(read.body()).isEqualTo(200);
      assertThat(read.entryId()).isEqualTo(id);
      verifyLogEntry(read);
      for (String field : List.of("body", "integratedTime", "logID", "logIndex")) {
        assertThat(read.entry().get(field)).as(field).isEqualTo(response.entry().get(field));
      }
      assertAttestation(c, read.entry());
    }
  }

  private List<String> search(String query) {
    ApiClient.Response response = client.post("/api/v1/index/retrieve", query);
    assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode id : response.json().values()) {
      ids.add(id.stringValue());
    }
    return ids;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void searchFindsItByEveryIndexedKey(KindCases.Case c) {
    String id = created(c).entryId();

    for (String query : c.queries()) {
      assertThat(search(query)).as(query).contains(id);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFlippedSignatureByteIs400AndLogsNothing(KindCases.Case c) {
    created(c);
    long size = client.treeSize();

    ApiClient.Response refused = client.post("/api/v1/log/entries", c.tampered());

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").intValue()).isEqualTo(400);
    // Refused by the signature check, not by a parser: the flipped byte keeps the encoding valid.
    assertThat(refused.json().get("message").stringValue())
        .startsWith("error processing entry: ")
        .contains("verif");
    assertThat(client.treeSize()).isEqualTo(size);
  }

  /**
   * Rekor's {@code publicKey} search reads ssh, minisign and pgp keys and finds these entries (they
   * index the hex SHA-256 of their canonical key, unprefixed, so no {@code hash} search reaches
   * it).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("nonX509Rekords")
  void searchFindsANonX509RekordByItsPublicKey(KindCases.Case c) {
    String id = created(c).entryId();

    assertThat(search(c.keyQuery())).contains(id);
  }
}
