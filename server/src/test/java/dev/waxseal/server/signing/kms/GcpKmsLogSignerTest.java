package dev.waxseal.server.signing.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.signing.SigningException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KMS signer against {@link FakeKms}: the real client library over an in-process channel. */
class GcpKmsLogSignerTest {
  private static final GcpKmsKeyName KEY =
      GcpKmsKeyName.parse(
          "gcpkms://projects/waxseal-test/locations/us-east1/keyRings/log/cryptoKeys/checkpoints"
              + "/cryptoKeyVersions/3");
  private static final byte[] MESSAGE =
      "rekor.example.dev - 1193050959916656506\n42\nAAAA\n".getBytes(StandardCharsets.UTF_8);

  /** Short deadlines, so the failure tests take well under a second each. */
  private static final KmsCallPolicy FAST =
      new KmsCallPolicy(
          Duration.ofMillis(300),
          Duration.ofSeconds(2),
          3,
          Duration.ofMillis(10),
          Duration.ofMillis(50));

  private FakeKms kms;

  @BeforeEach
  void startKms() throws Exception {
    kms = new FakeKms(KEY.resourceName());
  }

  @AfterEach
  void stopKms() {
    kms.close();
  }

  private GcpKmsLogSigner connect() {
    return GcpKmsLogSigner.connect(KEY, kms.settings(), FAST, FAST);
  }

  @Test
  void signaturesVerifyWithTheJdkOverTheMessage() throws Exception {
    try (GcpKmsLogSigner signer = connect()) {
      byte[] signature = signer.sign(MESSAGE);

      assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
      assertThat(signer.publicKeyDer()).isEqualTo(kms.keyPair.getPublic().getEncoded());
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(signer.publicKeyDer())));
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signature)).isTrue();
    }
  }

  @Test
  void requestCarriesTheKeyNameTheSha256DigestAndItsCrc32c() throws Exception {
    try (GcpKmsLogSigner signer = connect()) {
      signer.sign(MESSAGE);
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    assertThat(kms.signRequests).hasSize(1);
    AsymmetricSignRequest request = kms.signRequests.get(0);
    assertThat(request.getName())
        .isEqualTo(
            "projects/waxseal-test/locations/us-east1/keyRings/log/cryptoKeys/checkpoints"
                + "/cryptoKeyVersions/3");
    assertThat(request.getDigest().getSha256().toByteArray()).isEqualTo(digest);
    assertThat(request.getDigestCrc32C().getValue()).isEqualTo(FakeKms.crc32c(digest));
    assertThat(request.getData().isEmpty()).isTrue();
  }

  @Test
  void publicKeyIsFetchedOnceAtStart() {
    try (GcpKmsLogSigner signer = connect()) {
      signer.sign(MESSAGE);
      signer.sign(MESSAGE);
      signer.publicKeyDer();
    }
    assertThat(kms.publicKeyCalls).hasValue(1);
    assertThat(kms.signRequests).hasSize(2);
  }

  @Test
  void corruptedSignatureCrc32cIsASigningException() {
    kms.signTamper =
        r ->
            r.toBuilder()
                .setSignatureCrc32C(Int64Value.of(r.getSignatureCrc32C().getValue() ^ 1))
                .build();
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("CRC32C mismatch on the signature");
    }
  }

  @Test
  void corruptedSignatureBytesAreASigningException() {
    kms.signTamper =
        r -> {
          byte[] signature = r.getSignature().toByteArray();
          signature[signature.length - 1] ^= 1; // the CRC32C sent no longer matches
          return r.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
        };
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("CRC32C mismatch on the signature");
    }
  }

  @Test
  void missingSignatureCrc32cIsASigningException() {
    kms.signTamper = r -> r.toBuilder().clearSignatureCrc32C().build();
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("without signature_crc32c");
    }
  }

  @Test
  void unverifiedDigestCrc32cIsASigningException() {
    kms.signTamper = r -> r.toBuilder().setVerifiedDigestCrc32C(false).build();
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("verified_digest_crc32c is false");
    }
  }

  @Test
  void responseFromAnotherKeyVersionIsASigningException() {
    String other = KEY.resourceName().replace("cryptoKeyVersions/3", "cryptoKeyVersions/4");
    kms.signTamper = r -> r.toBuilder().setName(other).build();
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("signed with the key '" + other + "', want " + KEY.resourceName());
    }
  }

  @Test
  void signatureThatDoesNotVerifyIsASigningException() {
    kms.signingKey = FakeKms.newP256KeyPair(); // right name and CRCs, wrong private key
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("does not verify under the public key of " + KEY);
    }
  }

  @Test
  void signatureThatIsNotDerIsASigningException() {
    kms.signTamper =
        r -> {
          byte[] garbage = new byte[64];
          return r.toBuilder()
              .setSignature(ByteString.copyFrom(garbage))
              .setSignatureCrc32C(Int64Value.of(FakeKms.crc32c(garbage)))
              .build();
        };
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("not ASN.1 DER ECDSA");
    }
  }

  @Test
  void transientUnavailableIsRetried() {
    kms.failNextSigns(Status.UNAVAILABLE, Status.UNAVAILABLE);
    try (GcpKmsLogSigner signer = connect()) {
      assertThat(signer.sign(MESSAGE)).isNotEmpty();
    }
    assertThat(kms.signRequests).hasSize(3);
  }

  @Test
  void unavailableOnEveryAttemptGivesUpAfterMaxAttempts() {
    kms.failNextSigns(Status.UNAVAILABLE, Status.UNAVAILABLE, Status.UNAVAILABLE);
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("AsymmetricSign with " + KEY + " failed: UNAVAILABLE");
    }
    assertThat(kms.signRequests).hasSize(3);
  }

  @Test
  void permissionDeniedIsNotRetried() {
    kms.failNextSigns(Status.PERMISSION_DENIED);
    try (GcpKmsLogSigner signer = connect()) {
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("failed: PERMISSION_DENIED");
    }
    assertThat(kms.signRequests).hasSize(1);
  }

  @Test
  void hangingKmsIsEndedByTheDeadlineAndRetried() {
    kms.hangSigns = true;
    try (GcpKmsLogSigner signer = connect()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> signer.sign(MESSAGE))
          .isInstanceOf(SigningException.class)
          .hasMessageContaining("failed: DEADLINE_EXCEEDED");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(kms.signRequests).hasSize(3);
  }

  @Test
  void wrongAlgorithmIsAClearStartupError() {
    kms.algorithm = CryptoKeyVersionAlgorithm.EC_SIGN_P384_SHA384;
    assertThatThrownBy(this::connect)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the Cloud KMS key " + KEY + " has algorithm EC_SIGN_P384_SHA384")
        .hasMessageContaining("must be EC_SIGN_P256_SHA256");
  }

  @Test
  void corruptedPublicKeyCrc32cIsAStartupError() {
    kms.publicKeyTamper =
        p -> p.toBuilder().setPemCrc32C(Int64Value.of(p.getPemCrc32C().getValue() + 1)).build();
    assertThatThrownBy(this::connect)
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("CRC32C mismatch on the public key PEM of " + KEY);
  }

  @Test
  void publicKeyOfAnotherCurveIsAStartupError() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    String pem = FakeKms.pem(generator.generateKeyPair().getPublic().getEncoded());
    kms.publicKeyTamper =
        p ->
            p.toBuilder()
                .setPem(pem)
                .setPemCrc32C(Int64Value.of(FakeKms.crc32c(pem.getBytes(StandardCharsets.UTF_8))))
                .build();
    assertThatThrownBy(this::connect)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not an ECDSA P-256 key");
  }

  @Test
  void keyThatKmsDoesNotKnowIsAStartupError() {
    GcpKmsKeyName missing =
        new GcpKmsKeyName("waxseal-test", "us-east1", "log", "checkpoints", "9");
    assertThatThrownBy(() -> GcpKmsLogSigner.connect(missing, kms.settings(), FAST, FAST))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("GetPublicKey of " + missing + " failed: NOT_FOUND");
  }

  @Test
  void unavailableAtStartIsRetried() {
    kms.failNextPublicKeys(Status.UNAVAILABLE);
    try (GcpKmsLogSigner signer = connect()) {
      assertThat(signer.publicKeyDer()).isEqualTo(kms.keyPair.getPublic().getEncoded());
    }
    assertThat(kms.publicKeyCalls).hasValue(2);
  }

  @Test
  void signsFromManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (GcpKmsLogSigner signer = connect()) {
      List<Future<byte[]>> signatures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        byte[] message = ("entry " + i).getBytes(StandardCharsets.UTF_8);
        signatures.add(pool.submit(() -> signer.sign(message)));
      }
      for (Future<byte[]> signature : signatures) {
        assertThat(signature.get()).isNotEmpty(); // each one verified inside sign()
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(kms.signRequests).hasSize(64);
  }
}
