package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigstore.rekor.client.HashedRekordRequest;
import dev.sigstore.rekor.client.RekorClient;
import dev.sigstore.rekor.client.RekorClientHttp;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorResponse;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real client across rotations: an entry written before two rotations (the second to a new key)
 * is still fetched and verified by sigstore-java's {@code RekorVerifier}, with a trusted root that
 * lists each shard key with its validity; an entry written after them verifies with the new key,
 * and not with a trusted root that lacks it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=" + ShardRotationSigstoreJavaIT.HOSTNAME,
      "management.server.port=0"
    })
class ShardRotationSigstoreJavaIT extends PostgresIntegrationTest {
  static final String HOSTNAME = "shards.test";

  @LocalServerPort int port;

  @Value("${local.management.port}")
  int managementPort;

  /** Read once, when the application starts. */
  @TempDir static Path keys;

  @DynamicPropertySource
  static void secondKey(DynamicPropertyRegistry registry) throws Exception {
    Path key = keys.resolve("k2.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, key);
    registry.add("waxseal.signer.shard-keys.k2.key-file", key::toString);
  }

  private RekorClient rekor() {
    return RekorClientHttp.builder()
        .setService(Service.of(URI.create("http://127.0.0.1:" + port), 1))
        .build();
  }

  private static String tlog(byte[] der, String start, String end) {
    String validFor =
        "{\"start\":\"" + start + "\"" + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}";
    return "{\"baseUrl\":\"https://"
        + HOSTNAME
        + "\",\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\""
        + Base64.getEncoder().encodeToString(der)
        + "\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"validFor\":"
        + validFor
        + "},\"logId\":{\"keyId\":\""
        + Base64.getEncoder().encodeToString(Rfc6962.sha256(der))
        + "\"}}";
  }

  private static SigstoreTrustedRoot trustedRoot(String... tlogs) throws Exception {
    String json =
        "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
            + "\"tlogs\":["
            + String.join(",", tlogs)
            + "],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}";
    return SigstoreTrustedRoot.from(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] publicKey(ApiClient api, String treeId) {
    String pem = api.get("/api/v1/log/publicKey?treeID=" + treeId).body();
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  private static HashedRekordRequest request(String text) throws Exception {
    byte[] artifact = Signers.utf8(text + " " + System.nanoTime());
    return HashedRekordRequest.newHashedRekordRequest(
        Signers.digest("sha256", artifact),
        Signers.certificatePem(Signers.Key.P256, "shards@example.com"),
        Signers.sign(Signers.Key.P256, artifact));
  }

  @Test
  void entryFromBeforeTwoRotationsStillVerifiesWithSigstoreJava() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiClient management = new ApiClient(managementPort);
    RekorClient rekor = rekor();
    RekorResponse old = rekor.putEntry(request("before rotations"));
    String firstTree = api.get("/api/v1/log").json().get("treeID").stringValue();
    byte[] firstKey = publicKey(api, firstTree);

    assertThat(management.post("/actuator/shards", "{}").status()).isEqualTo(200);
    String rotatedAt = Instant.now().plusSeconds(1).toString();
    assertThat(management.post("/actuator/shards", "{\"keyId\":\"k2\"}").status()).isEqualTo(200);
    String activeTree = api.get("/api/v1/log").json().get("treeID").stringValue();
    byte[] newKey = publicKey(api, activeTree);
    assertThat(newKey).isNotEqualTo(firstKey);
    assertThat(api.get("/api/v1/log").json().get("inactiveShards").size()).isEqualTo(2);

    String first = tlog(firstKey, "2020-01-01T00:00:00Z", rotatedAt);
    String second = tlog(newKey, Instant.now().minusSeconds(60).toString(), null);
    RekorVerifier verifier = RekorVerifier.newRekorVerifier(trustedRoot(first, second));

    Optional<RekorEntry> fetched = rekor.getEntry(old.getUuid());
    assertThat(fetched).isPresent();
    verifier.verifyEntry(fetched.get());
    assertThat(fetched.get().getLogIndex()).isEqualTo(old.getEntry().getLogIndex());
    Optional<RekorEntry> byUuid = rekor.getEntry(old.getUuid().substring(16));
    assertThat(byUuid).isPresent();
    verifier.verifyEntry(byUuid.get());

    RekorResponse fresh = rekor.putEntry(request("after rotations"));
    assertThat(fresh.getUuid()).startsWith(String.format("%016x", Long.parseLong(activeTree)));
    verifier.verifyEntry(fresh.getEntry());
    RekorVerifier oldKeyOnly = RekorVerifier.newRekorVerifier(trustedRoot(first));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> oldKeyOnly.verifyEntry(fresh.getEntry()))
        .isInstanceOf(RekorVerificationException.class);
  }
}
