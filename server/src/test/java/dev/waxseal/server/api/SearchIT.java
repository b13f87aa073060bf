package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/index/retrieve}: by artifact hash (with and without the {@code sha256:}
 * prefix, any case), public key, certificate, email and subject, with {@code or} and {@code and}.
 * The index is written with the entry, so every search right after a create finds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT extends ApiIntegrationTest {
  private static final String EMAIL = "Search.Tester@Example.com";

  private Signers.Signed keyA;
  private Signers.Signed certB;
  private Signers.Signed rsaA;
  private String idKeyA;
  private String idCertB;
  private String idRsaA;

  @BeforeAll
  void createEntries() throws Exception {
    client();
    byte[] a = Signers.utf8("search artifact A " + System.nanoTime());
    byte[] b = Signers.utf8("search artifact B " + System.nanoTime());
    keyA = Signers.signed(Signers.Key.P256, a, false, "");
    certB = Signers.signed(Signers.Key.P256, b, true, EMAIL);
    rsaA = Signers.signed(Signers.Key.RSA2048, a, false, "");
    idKeyA = created(keyA);
    idCertB = created(certB);
    idRsaA = created(rsaA);
  }

  private String created(Signers.Signed signed) {
    ApiClient.Response response = client.post("/api/v1/log/entries", signed.request());
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.entryId();
  }

  private List<String> search(String query) {
    ApiClient.Response response = client.post("/api/v1/index/retrieve", query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode id : response.json().values()) {
      ids.add(id.stringValue());
    }
    return ids;
  }

  private static String key(Signers.Signed signed) {
    return "{\"format\":\"x509\",\"content\":\""
        + Signers.b64(Signers.utf8(signed.publicKeyPem()))
        + "\"}";
  }

  @Test
  void findsByArtifactHashWithOrWithoutPrefix() {
    String hex = keyA.digestHex();
    assertThat(search("{\"hash\":\"sha256:" + hex + "\"}")).containsExactly(idKeyA, idRsaA);
    assertThat(search("{\"hash\":\"" + hex + "\"}")).containsExactly(idKeyA, idRsaA);
    assertThat(search("{\"hash\":\"" + hex.toUpperCase(Locale.ROOT) + "\"}"))
        .containsExactly(idKeyA, idRsaA);
    assertThat(search("{\"hash\":\"" + certB.digestHex() + "\"}")).containsExactly(idCertB);
    assertThat(search("{\"hash\":\"sha512:" + "0".repeat(128) + "\"}")).isEmpty();
  }

  @Test
  void findsByPublicKeyAndByCertificate() {
    assertThat(search("{\"publicKey\":" + key(keyA) + "}"))
        .contains(idKeyA)
        .doesNotContain(idCertB, idRsaA);
    assertThat(search("{\"publicKey\":" + key(certB) + "}")).containsExactly(idCertB);
    assertThat(search("{\"publicKey\":" + key(rsaA) + "}")).contains(idRsaA);
  }

  @Test
  void findsByEmailInAnyCase() {
    assertThat(search("{\"email\":\"" + EMAIL + "\"}")).containsExactly(idCertB);
    assertThat(search("{\"email\":\"" + EMAIL.toLowerCase(Locale.ROOT) + "\"}"))
        .containsExactly(idCertB);
    assertThat(search("{\"subject\":\"" + EMAIL.toUpperCase(Locale.ROOT) + "\"}"))
        .containsExactly(idCertB);
  }

  @Test
  void combinesCriteriaWithAndOr() {
    String hash = "\"hash\":\"" + keyA.digestHex() + "\"";
    assertThat(search("{" + hash + ",\"publicKey\":" + key(keyA) + ",\"operator\":\"and\"}"))
        .containsExactly(idKeyA);
    assertThat(search("{" + hash + ",\"email\":\"" + EMAIL + "\",\"operator\":\"and\"}")).isEmpty();
    assertThat(search("{" + hash + ",\"email\":\"" + EMAIL + "\",\"operator\":\"or\"}"))
        .containsExactly(idKeyA, idCertB, idRsaA);
    assertThat(search("{" + hash + ",\"email\":\"" + EMAIL + "\"}"))
        .as("or is the default")
        .containsExactly(idKeyA, idCertB, idRsaA);
    assertThat(search("{}")).isEmpty();
  }
}
