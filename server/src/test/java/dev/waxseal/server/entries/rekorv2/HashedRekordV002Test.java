package dev.waxseal.server.entries.rekorv2;

import static dev.waxseal.server.entries.rekorv2.Requests.certificateVerifier;
import static dev.waxseal.server.entries.rekorv2.Requests.hashedRekord;
import static dev.waxseal.server.entries.rekorv2.Requests.hashedRekordRaw;
import static dev.waxseal.server.entries.rekorv2.Requests.publicKeyVerifier;
import static dev.waxseal.server.entries.rekorv2.V2Signers.b64;
import static dev.waxseal.server.entries.rekorv2.V2Signers.digest;
import static dev.waxseal.server.entries.rekorv2.V2Signers.sign;
import static dev.waxseal.server.entries.rekorv2.V2Signers.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.rekorv2.V2Signers.Key;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** hashedrekord 0.0.2: every accepted key type and every rejection rule of rekor-tiles. */
class HashedRekordV002Test {
  private static final byte[] ARTIFACT = "waxseal v2 artifact\n".getBytes(StandardCharsets.UTF_8);
  private final RekorV2Entries entries = RekorV2Entries.withDefaults();

  static Stream<Arguments> acceptedKeys() {
    return Stream.of(
        Arguments.of(Key.P256, "SHA-256", "PKIX_ECDSA_P256_SHA_256", "SHA2_256"),
        Arguments.of(Key.P384, "SHA-384", "PKIX_ECDSA_P384_SHA_384", "SHA2_384"),
        Arguments.of(Key.P521, "SHA-512", "PKIX_ECDSA_P521_SHA_512", "SHA2_512"),
        Arguments.of(Key.RSA2048, "SHA-256", "PKIX_RSA_PKCS1V15_2048_SHA256", "SHA2_256"),
        Arguments.of(Key.RSA3072, "SHA-256", "PKIX_RSA_PKCS1V15_3072_SHA256", "SHA2_256"),
        Arguments.of(Key.RSA4096, "SHA-256", "PKIX_RSA_PKCS1V15_4096_SHA256", "SHA2_256"),
        Arguments.of(Key.ED25519, "SHA-512", "PKIX_ED25519_PH", "SHA2_512"));
  }

  @ParameterizedTest
  @MethodSource("acceptedKeys")
  void acceptsPublicKeyAndWritesTheCanonicalBody(
      Key key, String hash, String keyDetails, String algorithm) {
    byte[] digest = digest(hash, ARTIFACT);
    byte[] signature =
        key == Key.ED25519 ? V2Signers.signEd25519ph(ARTIFACT) : sign(key, hash, ARTIFACT);

    CanonicalEntry entry =
        entries.toLogEntry(
            hashedRekord(digest, signature, publicKeyVerifier(spki(key), keyDetails)));

    String expected =
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":"
            + "{\"data\":{\"algorithm\":\""
            + algorithm
            + "\",\"digest\":\""
            + b64(digest)
            + "\"},\"signature\":{\"content\":\""
            + b64(signature)
            + "\",\"verifier\":{\"keyDetails\":\""
            + keyDetails
            + "\",\"publicKey\":{\"rawBytes\":\""
            + b64(spki(key))
            + "\"}}}}}}";
    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(entry.kind()).isEqualTo("hashedrekord");
    assertThat(entry.apiVersion()).isEqualTo("0.0.2");
    assertThat(entry.leafHash())
        .isEqualTo(Rfc6962.leafHash(expected.getBytes(StandardCharsets.UTF_8)));
    assertThat(entry.searchKeys()).isEmpty();
  }

  @Test
  void acceptsCertificateVerifier() {
    byte[] digest = digest("SHA-256", ARTIFACT);
    byte[] cert = V2Signers.certificate(Key.P256);
    byte[] body =
        entries
            .toLogEntry(
                hashedRekord(
                    digest,
                    sign(Key.P256, "SHA-256", ARTIFACT),
                    certificateVerifier(cert, "PKIX_ECDSA_P256_SHA_256")))
            .body();
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains(
            "\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"x509Certificate\":"
                + "{\"rawBytes\":\""
                + b64(cert)
                + "\"}}");
  }

  @Test
  void protoNamesAndEnumNumbersGiveTheSameBodyAsJsonNames() {
    byte[] digest = digest("SHA-256", ARTIFACT);
    byte[] signature = sign(Key.P256, "SHA-256", ARTIFACT);
    byte[] jsonNames =
        entries
            .toLogEntry(
                hashedRekord(
                    digest,
                    signature,
                    publicKeyVerifier(spki(Key.P256), "PKIX_ECDSA_P256_SHA_256")))
            .body();
    byte[] protoNames =
        entries
            .toLogEntry(
                Requests.utf8(
                    "{\"hashed_rekord_request_v002\":{\"digest\":\""
                        + b64(digest)
                        + "\",\"signature\":{\"content\":\""
                        + b64(signature)
                        + "\",\"verifier\":{\"key_details\":5,\"public_key\":{\"raw_bytes\":\""
                        + b64(spki(Key.P256))
                        + "\"}}}}}"))
            .body();
    assertThat(protoNames).isEqualTo(jsonNames);
  }

  @Test
  void keyDetailsOnlyLendTheirHashAndAreStoredAsSent() {
    // sigstore's registry checks the key's own type and size with the details' hash: an RSA-2048
    // key named as 4096 bits passes (RSA-2048/SHA-256 is allowed), as in rekor-tiles.
    byte[] digest = digest("SHA-256", ARTIFACT);
    byte[] body =
        entries
            .toLogEntry(
                hashedRekord(
                    digest,
                    sign(Key.RSA2048, "SHA-256", ARTIFACT),
                    publicKeyVerifier(spki(Key.RSA2048), "PKIX_RSA_PKCS1V15_4096_SHA256")))
            .body();
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains("\"keyDetails\":\"PKIX_RSA_PKCS1V15_4096_SHA256\"");
  }

  static Stream<Arguments> rejections() {
    byte[] d256 = digest("SHA-256", ARTIFACT);
    byte[] p256sig = sign(Key.P256, "SHA-256", ARTIFACT);
    String p256 = publicKeyVerifier(spki(Key.P256), "PKIX_ECDSA_P256_SHA_256");
    String content = "\"content\":\"" + b64(p256sig) + "\"";
    String digest = "\"digest\":\"" + b64(d256) + "\"";
    return Stream.of(
        Arguments.of("no signature", hashedRekordRaw(digest), "missing signature"),
        Arguments.of(
            "empty signature content",
            hashedRekordRaw(digest + ",\"signature\":{\"content\":\"\",\"verifier\":" + p256 + "}"),
            "missing signature"),
        Arguments.of(
            "no verifier",
            hashedRekordRaw(digest + ",\"signature\":{" + content + "}"),
            "missing verifier"),
        Arguments.of(
            "no digest",
            hashedRekordRaw("\"signature\":{" + content + ",\"verifier\":" + p256 + "}"),
            "missing digest"),
        Arguments.of(
            "verifier without key or certificate",
            hashedRekord(d256, p256sig, "{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}"),
            "invalid verifier: missing signature public key or X.509 certificate"),
        Arguments.of(
            "empty public key",
            hashedRekord(d256, p256sig, "{\"publicKey\":{},\"keyDetails\":5}"),
            "invalid verifier: missing public key raw bytes"),
        Arguments.of(
            "empty certificate",
            hashedRekord(
                d256, p256sig, "{\"x509Certificate\":{\"rawBytes\":\"\"},\"keyDetails\":5}"),
            "invalid verifier: missing X.509 certificate raw bytes"),
        Arguments.of(
            "public key that is not DER",
            hashedRekord(
                d256,
                p256sig,
                publicKeyVerifier("not a key".getBytes(), "PKIX_ECDSA_P256_SHA_256")),
            "parsing verifier: parsing public key: "),
        Arguments.of(
            "certificate that is not DER",
            hashedRekord(
                d256, p256sig, certificateVerifier(spki(Key.P256), "PKIX_ECDSA_P256_SHA_256")),
            "parsing verifier: parsing certificate: "),
        Arguments.of(
            "no keyDetails",
            hashedRekord(
                d256, p256sig, "{\"publicKey\":{\"rawBytes\":\"" + b64(spki(Key.P256)) + "\"}}"),
            "getting key algorithm details: could not find algorithm details for known signature"
                + " algorithm: PUBLIC_KEY_DETAILS_UNSPECIFIED"),
        Arguments.of(
            "keyDetails outside sigstore's registry",
            hashedRekord(d256, p256sig, publicKeyVerifier(spki(Key.P256), "PKIX_RSA_PSS")),
            "getting key algorithm details: could not find algorithm details for known signature"
                + " algorithm: PKIX_RSA_PSS"),
        Arguments.of(
            "keyDetails number the enum does not define",
            hashedRekord(
                d256,
                p256sig,
                "{\"publicKey\":{\"rawBytes\":\"" + b64(spki(Key.P256)) + "\"},\"keyDetails\":99}"),
            "getting key algorithm details: could not find algorithm details for known signature"
                + " algorithm: PUBLIC_KEY_DETAILS_UNSPECIFIED"),
        Arguments.of(
            "P-256 key with P-384 details",
            hashedRekord(
                digest("SHA-384", ARTIFACT),
                sign(Key.P256, "SHA-384", ARTIFACT),
                publicKeyVerifier(spki(Key.P256), "PKIX_ECDSA_P384_SHA_384")),
            "unsupported entry algorithm for key details PKIX_ECDSA_P384_SHA_384"),
        Arguments.of(
            "P-384 key with SHA-256 (in the registry, not on the default list)",
            hashedRekord(
                d256,
                sign(Key.P384, "SHA-256", ARTIFACT),
                publicKeyVerifier(spki(Key.P384), "PKIX_ECDSA_P384_SHA_256")),
            "unsupported entry algorithm for key details PKIX_ECDSA_P384_SHA_256"),
        Arguments.of(
            "RSA-1024 key",
            hashedRekord(
                d256,
                sign(Key.RSA1024, "SHA-256", ARTIFACT),
                publicKeyVerifier(spki(Key.RSA1024), "PKIX_RSA_PKCS1V15_2048_SHA256")),
            "unsupported entry algorithm for key details PKIX_RSA_PKCS1V15_2048_SHA256"),
        Arguments.of(
            "pure Ed25519",
            hashedRekord(
                d256,
                sign(Key.ED25519, "", d256),
                publicKeyVerifier(spki(Key.ED25519), "PKIX_ED25519")),
            "PKIX_ED25519 cannot sign a digest: use PKIX_ED25519_PH"),
        Arguments.of(
            "digest one byte short",
            hashedRekord(Arrays.copyOf(d256, 31), p256sig, p256),
            "digest length (31) does not match expected size (32) for algorithm SHA-256"),
        Arguments.of(
            "SHA-256 digest named SHA-512 by the details",
            hashedRekord(
                d256,
                V2Signers.signEd25519ph(ARTIFACT),
                publicKeyVerifier(spki(Key.ED25519), "PKIX_ED25519_PH")),
            "digest length (32) does not match expected size (64) for algorithm SHA-512"),
        Arguments.of(
            "signature over another artifact",
            hashedRekord(d256, sign(Key.P256, "SHA-256", "other".getBytes()), p256),
            "verifying signature: invalid signature when validating ASN.1 encoded signature"),
        Arguments.of(
            "signature by another key",
            hashedRekord(d256, sign(Key.OTHER_P256, "SHA-256", ARTIFACT), p256),
            "verifying signature: invalid signature when validating ASN.1 encoded signature"),
        Arguments.of(
            "RSA-PSS signature (rekor-tiles verifies PKCS #1 v1.5 whatever the details)",
            hashedRekord(
                d256,
                V2Signers.signRsaPss(ARTIFACT),
                publicKeyVerifier(spki(Key.RSA2048), "PKIX_RSA_PSS_2048_SHA256")),
            "verifying signature: crypto/rsa: verification error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectsWithRekorTilesAnswer(String rule, byte[] request, String detail) {
    RekorV2Exception e =
        catchThrowableOfType(RekorV2Exception.class, () -> entries.toLogEntry(request));

    assertThat(e).as(rule).isNotNull();
    assertThat(e.status().httpStatus()).isEqualTo(400);
    assertThat(new String(e.status().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":3,\"message\":\"invalid hashedrekord request\",\"details\":[]}");
    assertThat(e.detail()).startsWith(detail);
  }

  @Test
  void narrowedAllowListRefusesOtherAlgorithms() {
    RekorV2Entries ed25519phOnly =
        new RekorV2Entries(
            Set.of(ClientSigningAlgorithm.ED25519_PH),
            true,
            RekorV2Entries.DEFAULT_MAX_REQUEST_BODY_SIZE);
    byte[] request =
        hashedRekord(
            digest("SHA-256", ARTIFACT),
            sign(Key.P256, "SHA-256", ARTIFACT),
            publicKeyVerifier(spki(Key.P256), "PKIX_ECDSA_P256_SHA_256"));

    RekorV2Exception e =
        catchThrowableOfType(RekorV2Exception.class, () -> ed25519phOnly.toLogEntry(request));

    assertThat(e.getMessage()).isEqualTo("invalid hashedrekord request");
    assertThat(e.detail())
        .isEqualTo("unsupported entry algorithm for key details PKIX_ECDSA_P256_SHA_256");
  }
}
