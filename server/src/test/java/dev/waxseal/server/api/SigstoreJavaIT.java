package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigstore.rekor.client.HashedRekordRequest;
import dev.sigstore.rekor.client.RekorClient;
import dev.sigstore.rekor.client.RekorClientHttp;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorResponse;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * sigstore-java's Rekor client and verifier, unchanged, against the running server: upload a
 * hashedrekord, fetch it by UUID and by its request, find it by search, and verify each entry (SET,
 * inclusion proof, checkpoint signature) against a trusted root that names Waxseal's log key.
 */
class SigstoreJavaIT extends ApiIntegrationTest {
  private RekorClient rekor() {
    return RekorClientHttp.builder()
        .setService(Service.of(URI.create("http://127.0.0.1:" + port), 1))
        .build();
  }

  /**
   * A trusted_root.json with one transparency log: Waxseal, by its key and logID. Its baseUrl host
   * is the log's configured hostname, the name its checkpoints are signed under, which is how
   * sigstore-java matches a checkpoint signature to a log (as rekor.sigstore.dev in the real one);
   * the client itself talks to the test server's address.
   */
  private SigstoreTrustedRoot trustedRoot() throws Exception {
    String json =
        "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
            + "\"tlogs\":[{\"baseUrl\":\"https://"
            + HOSTNAME
            + "\",\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\""
            + Base64.getEncoder().encodeToString(identity.publicKeyDer())
            + "\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
            + "\"validFor\":{\"start\":\"2020-01-01T00:00:00Z\"}},"
            + "\"logId\":{\"keyId\":\""
            + identity.logId().base64()
            + "\"}}],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}";
    return SigstoreTrustedRoot.from(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void uploadsFetchesSearchesAndVerifiesWithSigstoreJava() throws Exception {
    byte[] artifact = Signers.utf8("sigstore-java " + System.nanoTime());
    byte[] digest = Signers.digest("sha256", artifact);
    byte[] certificate = Signers.certificatePem(Signers.Key.P256, "sigstore-java@example.com");
    byte[] signature = Signers.sign(Signers.Key.P256, artifact);
    HashedRekordRequest request =
        HashedRekordRequest.newHashedRekordRequest(digest, certificate, signature);
    RekorClient rekor = rekor();
    RekorVerifier verifier = RekorVerifier.newRekorVerifier(trustedRoot());

    RekorResponse uploaded = rekor.putEntry(request);

    assertThat(uploaded.getUuid()).hasSize(80).endsWith(request.computeUUID());
    verifier.verifyEntry(uploaded.getEntry());
    assertThat(uploaded.getEntryLocation().getPath())
        .isEqualTo("/api/v1/log/entries/" + uploaded.getUuid());

    Optional<RekorEntry> byUuid = rekor.getEntry(uploaded.getUuid());
    assertThat(byUuid).isPresent();
    verifier.verifyEntry(byUuid.get());
    assertThat(byUuid.get().getLogIndex()).isEqualTo(uploaded.getEntry().getLogIndex());

    Optional<RekorEntry> byRequest = rekor.getEntry(request);
    assertThat(byRequest).isPresent();
    verifier.verifyEntry(byRequest.get());

    List<String> found = rekor.searchEntry("sigstore-java@example.com", null, null, null);
    assertThat(found).containsExactly(uploaded.getUuid());
    assertThat(rekor.getEntry("ab".repeat(32))).isEmpty();
  }
}
