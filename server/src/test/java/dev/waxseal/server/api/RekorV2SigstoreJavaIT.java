package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.sigstore.proto.common.v1.PublicKeyDetails;
import dev.sigstore.proto.rekor.v2.HashedRekordRequestV002;
import dev.sigstore.proto.rekor.v2.PublicKey;
import dev.sigstore.proto.rekor.v2.Signature;
import dev.sigstore.proto.rekor.v2.Verifier;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.rekor.v2.client.RekorV2ClientHttp;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.Cosigner;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * sigstore-java 2.0.0's own Rekor v2 client and verifier, unchanged, against Waxseal's v2 log: the
 * client uploads a hashedrekord 0.0.2 entry and parses the TransparencyLogEntry, and {@code
 * RekorVerifier} accepts it (inclusion proof, checkpoint signature by the log's Ed25519 key under
 * its host name) against the trusted root the service itself serves on its management port; and
 * rejects it against a trusted root without the v2 log; and accepts it with witness cosignature
 * lines appended to its checkpoint (up to its limit of 20 signature lines). Also checks that
 * trusted root and the signing config as documents.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=" + RekorV2SigstoreJavaIT.HOSTNAME,
      "waxseal.rekor-v2.hostname=" + RekorV2SigstoreJavaIT.V2_HOST,
      "waxseal.rekor-v2.base-url=https://" + RekorV2SigstoreJavaIT.V2_HOST,
      "waxseal.sigstore.base-url=https://" + RekorV2SigstoreJavaIT.HOSTNAME,
      "management.server.port=0"
    })
class RekorV2SigstoreJavaIT extends PostgresIntegrationTest {
  static final String HOSTNAME = "v1.sigstore-java.test";
  static final String V2_HOST = "log2026-1.sigstore-java.test";

  @LocalServerPort int port;

  @Value("${local.management.port}")
  int managementPort;

  private String managementGet(String path) {
    ApiClient.Response r = new ApiClient(managementPort).get(path);
    assertThat(r.status()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void sigstoreJavaUploadsToTheV2LogAndVerifiesWithTheServedTrustedRoot() throws Exception {
    RekorEntry entry = upload();

    assertThat(entry.getIntegratedTime()).isZero();
    assertThat(entry.getBodyDecoded().getKind()).isEqualTo("hashedrekord");
    String trustedRoot = managementGet("/actuator/sigstore/trusted-root");
    RekorVerifier.newRekorVerifier(parse(trustedRoot)).verifyEntry(entry);

    // Without the v2 log in the trusted root, the same entry does not verify.
    JsonNode root = CanonicalJson.parse(trustedRoot.getBytes(StandardCharsets.UTF_8));
    String v1Only =
        trustedRoot.replace(
            root.get("tlogs")
                .get(root.get("tlogs").size() - 1)
                .get("logId")
                .get("keyId")
                .stringValue(),
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    assertThatThrownBy(() -> RekorVerifier.newRekorVerifier(parse(v1Only)).verifyEntry(entry))
        .isInstanceOf(RekorVerificationException.class);
  }

  /**
   * Issue 17: a checkpoint as the witnessed log serves it, the log's line followed by witness
   * cosignature lines. sigstore-java picks the line named after the log's host and ignores the
   * rest, but refuses a checkpoint with more than 20 lines in all (docs/witness.md).
   */
  @Test
  void witnessCosignatureLinesOnTheCheckpointAreIgnoredUpToTwentyLines() throws Exception {
    RekorEntry entry = upload();
    RekorVerifier verifier =
        RekorVerifier.newRekorVerifier(parse(managementGet("/actuator/sigstore/trusted-root")));
    String envelope = entry.getVerification().getInclusionProof().getCheckpoint();
    Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(envelope).text());
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 19; i++) {
      lines.append(cosignatureLine("witness" + i + ".test", checkpoint));
    }

    RekorEntry cosigned = withCheckpoint(entry, envelope + lines);
    assertThat(
            SignedNote.parse(cosigned.getVerification().getInclusionProof().getCheckpoint())
                .signatures())
        .hasSize(20);
    verifier.verifyEntry(cosigned);

    RekorEntry tooMany =
        withCheckpoint(entry, envelope + lines + cosignatureLine("witness19.test", checkpoint));
    assertThatThrownBy(() -> verifier.verifyEntry(tooMany))
        .isInstanceOf(RekorVerificationException.class)
        .hasMessageContaining("excessive number of signatures");
  }

  private static RekorEntry withCheckpoint(RekorEntry entry, String checkpoint) {
    RekorEntry.Verification verification = entry.getVerification();
    return ImmutableRekorEntry.copyOf(entry)
        .withVerification(
            ImmutableVerification.copyOf(verification)
                .withInclusionProof(
                    ImmutableInclusionProof.copyOf(verification.getInclusionProof())
                        .withCheckpoint(checkpoint)));
  }

  /** A C2SP tlog-cosignature line by a fresh Ed25519 witness key named {@code name}. */
  private static String cosignatureLine(String name, Checkpoint checkpoint) throws Exception {
    KeyPair witness = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = witness.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    NoteSigner signer =
        new NoteSigner() {
          @Override
          public String keyName() {
            return name;
          }

          @Override
          public int keyId() {
            return NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, raw);
          }

          @Override
          public byte[] sign(byte[] message) throws java.security.GeneralSecurityException {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(witness.getPrivate());
            s.update(message);
            return s.sign();
          }
        };
    return new Cosigner(signer, Clock.systemUTC()).cosign(checkpoint).toNoteSignature().line();
  }

  private RekorEntry upload() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    byte[] artifact = ("sigstore-java v2 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(artifact);
    HashedRekordRequestV002 request =
        HashedRekordRequestV002.newBuilder()
            .setDigest(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(artifact)))
            .setSignature(
                Signature.newBuilder()
                    .setContent(ByteString.copyFrom(signer.sign()))
                    .setVerifier(
                        Verifier.newBuilder()
                            .setPublicKey(
                                PublicKey.newBuilder()
                                    .setRawBytes(ByteString.copyFrom(key.getPublic().getEncoded())))
                            .setKeyDetails(PublicKeyDetails.PKIX_ECDSA_P256_SHA_256)))
            .build();

    return RekorV2ClientHttp.builder()
        .setService(Service.of(URI.create("http://127.0.0.1:" + port), 2))
        .build()
        .putEntry(request);
  }

  @Test
  void trustedRootNamesTheV1ShardTheV2LogAndTheTimestampAuthority() {
    JsonNode root =
        CanonicalJson.parse(
            managementGet("/actuator/sigstore/trusted-root").getBytes(StandardCharsets.UTF_8));
    assertThat(root.get("mediaType").stringValue())
        .isEqualTo("application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    JsonNode tlogs = root.get("tlogs");
    assertThat(tlogs.size()).isEqualTo(2);
    assertThat(tlogs.get(0).get("baseUrl").stringValue()).isEqualTo("https://" + HOSTNAME);
    assertThat(tlogs.get(0).get("publicKey").get("keyDetails").stringValue())
        .isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(tlogs.get(1).get("baseUrl").stringValue()).isEqualTo("https://" + V2_HOST);
    assertThat(tlogs.get(1).get("hashAlgorithm").stringValue()).isEqualTo("SHA2_256");
    assertThat(tlogs.get(1).get("publicKey").get("keyDetails").stringValue())
        .isEqualTo("PKIX_ED25519");
    assertThat(tlogs.get(1).get("publicKey").get("validFor").has("start")).isTrue();
    JsonNode tsa = root.get("timestampAuthorities");
    assertThat(tsa.size()).isEqualTo(1);
    assertThat(tsa.get(0).get("uri").stringValue())
        .isEqualTo("https://" + HOSTNAME + "/api/v1/timestamp");
    assertThat(tsa.get(0).get("certChain").get("certificates").size()).isEqualTo(2);
    // Not on the API port.
    assertThat(new ApiClient(port).get("/actuator/sigstore/trusted-root").status()).isEqualTo(404);
  }

  @Test
  void signingConfigNamesTheV2LogBeforeTheV1One() {
    JsonNode config =
        CanonicalJson.parse(
            managementGet("/actuator/sigstore/signing-config").getBytes(StandardCharsets.UTF_8));
    assertThat(config.get("mediaType").stringValue())
        .isEqualTo("application/vnd.dev.sigstore.signingconfig.v0.2+json");
    JsonNode rekor = config.get("rekorTlogUrls");
    assertThat(rekor.size()).isEqualTo(2);
    assertThat(rekor.get(0).get("url").stringValue()).isEqualTo("https://" + V2_HOST);
    assertThat(rekor.get(0).get("majorApiVersion").intValue()).isEqualTo(2);
    assertThat(rekor.get(1).get("url").stringValue()).isEqualTo("https://" + HOSTNAME);
    assertThat(rekor.get(1).get("majorApiVersion").intValue()).isEqualTo(1);
    assertThat(config.get("tsaUrls").get(0).get("url").stringValue())
        .isEqualTo("https://" + HOSTNAME + "/api/v1/timestamp");
    assertThat(config.get("rekorTlogConfig").get("selector").stringValue()).isEqualTo("ANY");
    assertThat(new ApiClient(managementPort).get("/actuator/sigstore/other").status())
        .isEqualTo(404);
  }

  private static SigstoreTrustedRoot parse(String json) throws Exception {
    return SigstoreTrustedRoot.from(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
