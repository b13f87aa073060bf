package dev.waxseal.server.signing.kms;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.cloud.kms.v1.PublicKey;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * A fake Cloud KMS on an in-process gRPC server, speaking the real {@code
 * google.cloud.kms.v1.KeyManagementService} protocol with the client library's own request and
 * response types. It holds one real P-256 key and answers GetPublicKey and AsymmetricSign as the
 * API documents them, CRC32C fields included: a request whose {@code digest_crc32c} does not match
 * is refused with INVALID_ARGUMENT, and a matching one is acknowledged with {@code
 * verified_digest_crc32c}.
 *
 * <p>Tests can make it fail ({@link #failNextSigns}), hang ({@link #hangSigns}), report another
 * algorithm, or tamper with its answers; it records every request it receives.
 */
final class FakeKms implements AutoCloseable {
  static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";

  private static final MethodDescriptor<GetPublicKeyRequest, PublicKey> GET_PUBLIC_KEY =
      unary(
          "GetPublicKey", GetPublicKeyRequest.getDefaultInstance(), PublicKey.getDefaultInstance());
  private static final MethodDescriptor<AsymmetricSignRequest, AsymmetricSignResponse>
      ASYMMETRIC_SIGN =
          unary(
              "AsymmetricSign",
              AsymmetricSignRequest.getDefaultInstance(),
              AsymmetricSignResponse.getDefaultInstance());

  final String keyName;
  final KeyPair keyPair;
  final List<AsymmetricSignRequest> signRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger publicKeyCalls = new AtomicInteger();

  volatile CryptoKeyVersionAlgorithm algorithm = CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256;
  volatile UnaryOperator<PublicKey> publicKeyTamper = UnaryOperator.identity();
  volatile UnaryOperator<AsymmetricSignResponse> signTamper = UnaryOperator.identity();
  volatile KeyPair signingKey;
  volatile boolean hangSigns;

  private final Queue<Status> signFailures = new ArrayDeque<>();
  private final Queue<Status> publicKeyFailures = new ArrayDeque<>();
  private final String serverName = InProcessServerBuilder.generateName();
  private final Server server;
  private final ManagedChannel channel;

  FakeKms(String keyName) throws IOException {
    this.keyName = keyName;
    this.keyPair = newP256KeyPair();
    this.signingKey = keyPair;
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(GET_PUBLIC_KEY, ServerCalls.asyncUnaryCall(this::getPublicKey))
            .addMethod(ASYMMETRIC_SIGN, ServerCalls.asyncUnaryCall(this::asymmetricSign))
            .build();
    this.server =
        InProcessServerBuilder.forName(serverName).directExecutor().addService(service).build();
    server.start();
    this.channel = InProcessChannelBuilder.forName(serverName).directExecutor().build();
  }

  /** Client settings that reach this fake, without credentials. */
  KeyManagementServiceSettings.Builder settings() {
    return KeyManagementServiceSettings.newBuilder()
        .setTransportChannelProvider(
            FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
        .setCredentialsProvider(NoCredentialsProvider.create());
  }

  /** The next AsymmetricSign calls fail with these statuses, one each, in order. */
  synchronized void failNextSigns(Status... statuses) {
    signFailures.addAll(List.of(statuses));
  }

  /** The next GetPublicKey calls fail with these statuses, one each, in order. */
  synchronized void failNextPublicKeys(Status... statuses) {
    publicKeyFailures.addAll(List.of(statuses));
  }

  private synchronized Status nextFailure(Queue<Status> failures) {
    Status status = failures.poll();
    return status == null ? Status.OK : status;
  }

  private void getPublicKey(GetPublicKeyRequest request, StreamObserver<PublicKey> response) {
    publicKeyCalls.incrementAndGet();
    Status failure = nextFailure(publicKeyFailures);
    if (!failure.isOk()) {
      response.onError(failure.asRuntimeException());
      return;
    }
    if (!request.getName().equals(keyName)) {
      response.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
      return;
    }
    String pem = pem(keyPair.getPublic().getEncoded());
    PublicKey answer =
        PublicKey.newBuilder()
            .setName(keyName)
            .setPem(pem)
            .setPemCrc32C(Int64Value.of(crc32c(pem.getBytes(StandardCharsets.UTF_8))))
            .setAlgorithm(algorithm)
            .setProtectionLevel(ProtectionLevel.HSM)
            .build();
    response.onNext(publicKeyTamper.apply(answer));
    response.onCompleted();
  }

  private void asymmetricSign(
      AsymmetricSignRequest request, StreamObserver<AsymmetricSignResponse> response) {
    signRequests.add(request);
    if (hangSigns) {
      return; // never answers: only the client's deadline ends the call
    }
    Status failure = nextFailure(signFailures);
    if (!failure.isOk()) {
      response.onError(failure.asRuntimeException());
      return;
    }
    if (!request.getName().equals(keyName)) {
      response.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
      return;
    }
    byte[] digest = request.getDigest().getSha256().toByteArray();
    if (digest.length != 32) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription("digest.sha256 must be 32 bytes")
              .asRuntimeException());
      return;
    }
    if (request.hasDigestCrc32C() && request.getDigestCrc32C().getValue() != crc32c(digest)) {
      response.onError(
          Status.INVALID_ARGUMENT.withDescription("digest_crc32c mismatch").asRuntimeException());
      return;
    }
    byte[] signature = signDigest(signingKey, digest);
    AsymmetricSignResponse answer =
        AsymmetricSignResponse.newBuilder()
            .setName(keyName)
            .setSignature(ByteString.copyFrom(signature))
            .setSignatureCrc32C(Int64Value.of(crc32c(signature)))
            .setVerifiedDigestCrc32C(request.hasDigestCrc32C())
            .setProtectionLevel(ProtectionLevel.HSM)
            .build();
    response.onNext(signTamper.apply(answer));
    response.onCompleted();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  static KeyPair newP256KeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ECDSA over a digest as given (KMS does not hash again), ASN.1 DER, with the JDK. */
  static byte[] signDigest(KeyPair key, byte[] digest) {
    try {
      Signature signer = Signature.getInstance("NONEwithECDSA");
      signer.initSign(key.getPrivate());
      signer.update(digest);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(byte[] spki) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n";
  }

  static long crc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return crc.getValue();
  }

  private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message>
      MethodDescriptor<Q, R> unary(String method, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }
}
