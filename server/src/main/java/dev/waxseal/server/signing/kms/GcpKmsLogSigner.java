package dev.waxseal.server.signing.kms;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.Digest;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.cloud.kms.v1.PublicKey;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.LogSigner;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.signing.SigningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The log key held in Google Cloud KMS: an {@code EC_SIGN_P256_SHA256} key version, named by a
 * {@code gcpkms://} reference, that signs SHA-256 digests computed here.
 *
 * <p>At start it fetches the public key once, checks the algorithm, and keeps the DER
 * SubjectPublicKeyInfo, from which the log ID is computed. Each {@link #sign} then sends the
 * SHA-256 digest of the message with its CRC32C, and checks the response as KMS's data-integrity
 * guidelines ask: the service verified the digest's CRC32C, signed with this key version, and the
 * signature arrived with a matching CRC32C. The signature is then verified locally against the
 * public key, since a bad signature in a transparency log can never be taken back; that costs well
 * under a millisecond against the 10–30 ms of the call. Any mismatch is a {@link SigningException}.
 *
 * <p>Transient failures are retried with a short bounded backoff, each attempt under its own
 * deadline ({@link KmsCallPolicy#SIGN}). One signature is one network call: see the package notes
 * on signing one SET per entry.
 *
 * <p>Thread-safe: the KMS client is, and everything else is immutable. {@link #close} releases the
 * client's channel; Spring calls it on shutdown.
 */
public final class GcpKmsLogSigner implements LogSigner, AutoCloseable {
  private final GcpKmsKeyName key;
  private final KeyManagementServiceClient client;
  private final KmsPublicKey publicKey;

  private GcpKmsLogSigner(
      GcpKmsKeyName key, KeyManagementServiceClient client, KmsPublicKey publicKey) {
    this.key = key;
    this.client = client;
    this.publicKey = publicKey;
  }

  /**
   * Connects to Cloud KMS with Application Default Credentials (Workload Identity on GKE, the
   * metadata server on GCE and Cloud Run, {@code GOOGLE_APPLICATION_CREDENTIALS} elsewhere) and
   * fetches the public key of {@code reference}. The service account needs {@code
   * cloudkms.cryptoKeyVersions.viewPublicKey} and {@code useToSign} on the key, as in the role
   * {@code roles/cloudkms.signerVerifier}.
   *
   * @throws IllegalArgumentException if the reference is malformed ({@link GcpKmsKeyName#parse})
   * @throws IllegalStateException if the key is not an {@code EC_SIGN_P256_SHA256} key
   * @throws SigningException if there are no credentials or KMS cannot be reached or refuses
   */
  public static GcpKmsLogSigner connect(String reference) {
    GcpKmsKeyName key = GcpKmsKeyName.parse(reference);
    return connect(
        key, KeyManagementServiceSettings.newBuilder(), KmsCallPolicy.START, KmsCallPolicy.SIGN);
  }

  /**
   * Connects with the given client settings (in tests, an in-process channel), setting the
   * deadlines and retries of GetPublicKey to {@code start} and those of AsymmetricSign to {@code
   * sign}.
   */
  static GcpKmsLogSigner connect(
      GcpKmsKeyName key,
      KeyManagementServiceSettings.Builder settings,
      KmsCallPolicy start,
      KmsCallPolicy sign) {
    start.applyTo(settings.getPublicKeySettings());
    sign.applyTo(settings.asymmetricSignSettings());
    KeyManagementServiceClient client;
    try {
      client = KeyManagementServiceClient.create(settings.build());
    } catch (IOException e) {
      throw new SigningException(
          "cannot create the Cloud KMS client for "
              + key
              + " (are Application Default Credentials set up?): "
              + e.getMessage(),
          e);
    }
    try {
      return new GcpKmsLogSigner(key, client, fetchPublicKey(client, key));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private static KmsPublicKey fetchPublicKey(KeyManagementServiceClient client, GcpKmsKeyName key) {
    String name = key.resourceName();
    PublicKey response;
    try {
      response = client.getPublicKey(GetPublicKeyRequest.newBuilder().setName(name).build());
    } catch (ApiException e) {
      throw new SigningException(
          "Cloud KMS GetPublicKey of " + key + " failed: " + e.getStatusCode().getCode(), e);
    }
    if (!response.getName().equals(name)) {
      throw new SigningException(
          "Cloud KMS answered GetPublicKey with the key '"
              + response.getName()
              + "', want "
              + name);
    }
    if (response.getAlgorithm() != CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256) {
      throw new IllegalStateException(
          "the Cloud KMS key "
              + key
              + " has algorithm "
              + response.getAlgorithm()
              + "; a Rekor log key in KMS must be EC_SIGN_P256_SHA256 (ECDSA on P-256 over"
              + " SHA-256): create a key version with that algorithm");
    }
    byte[] pem = response.getPem().getBytes(StandardCharsets.UTF_8);
    if (!response.hasPemCrc32C()) {
      throw new SigningException("Cloud KMS sent the public key of " + key + " without pem_crc32c");
    }
    checkCrc32c("public key PEM of " + key, pem, response.getPemCrc32C().getValue());
    return KmsPublicKey.parsePem(response.getPem(), key.toString());
  }

  /** The key version this signer uses. */
  public GcpKmsKeyName keyName() {
    return key;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256_SHA256;
  }

  @Override
  public byte[] publicKeyDer() {
    return publicKey.der();
  }

  /**
   * Signs {@code message} in KMS: sends its SHA-256 digest, returns the ASN.1 DER ECDSA signature.
   *
   * @throws SigningException if KMS fails or refuses after the retries, or if the response fails an
   *     integrity check (CRC32C, key name, or the signature does not verify)
   */
  @Override
  public byte[] sign(byte[] message) {
    byte[] digest = Rfc6962.sha256(message);
    AsymmetricSignRequest request =
        AsymmetricSignRequest.newBuilder()
            .setName(key.resourceName())
            .setDigest(Digest.newBuilder().setSha256(ByteString.copyFrom(digest)))
            .setDigestCrc32C(Int64Value.of(crc32c(digest)))
            .build();
    AsymmetricSignResponse response;
    try {
      response = client.asymmetricSign(request);
    } catch (ApiException e) {
      throw new SigningException(
          "Cloud KMS AsymmetricSign with " + key + " failed: " + e.getStatusCode().getCode(), e);
    }
    return checkedSignature(response, digest);
  }

  private byte[] checkedSignature(AsymmetricSignResponse response, byte[] digest) {
    if (!response.getVerifiedDigestCrc32C()) {
      throw new SigningException(
          "Cloud KMS did not verify the digest's CRC32C (verified_digest_crc32c is false):"
              + " the request may have been corrupted in transit");
    }
    if (!response.getName().equals(key.resourceName())) {
      throw new SigningException(
          "Cloud KMS signed with the key '" + response.getName() + "', want " + key.resourceName());
    }
    byte[] signature = response.getSignature().toByteArray();
    if (!response.hasSignatureCrc32C()) {
      throw new SigningException("Cloud KMS sent a signature without signature_crc32c");
    }
    checkCrc32c("signature", signature, response.getSignatureCrc32C().getValue());
    if (!publicKey.verifies(digest, signature)) {
      throw new SigningException(
          "the signature from Cloud KMS does not verify under the public key of " + key);
    }
    return signature;
  }

  /** Closes the KMS client and its channel. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "GcpKmsLogSigner[" + key + "]";
  }

  private static void checkCrc32c(String what, byte[] data, long want) {
    long got = crc32c(data);
    if (got != want) {
      throw new SigningException(
          "CRC32C mismatch on the "
              + what
              + ": computed "
              + got
              + ", Cloud KMS sent "
              + want
              + "; the response was corrupted in transit");
    }
  }

  /** CRC32C (Castagnoli) as KMS uses it, an unsigned 32-bit value in a {@code long}. */
  static long crc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return crc.getValue();
  }
}
