package dev.waxseal.server.entries.hashedrekord;

import static dev.waxseal.server.entries.hashedrekord.TestSigners.ARTIFACT;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.b64;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.proposed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.hashedrekord.TestSigners.KeyKind;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Generated keys and signatures for every accepted algorithm, bare keys and certificates. */
class HashedRekordKindTest {
  private static final EntryKinds KINDS =
      new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));
  private static final HexFormat HEX = HexFormat.of();

  /** The key/digest pairs Rekor's default allow-list accepts. */
  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(KeyKind.P256, "sha256"),
        Arguments.of(KeyKind.P384, "sha384"),
        Arguments.of(KeyKind.P521, "sha512"),
        Arguments.of(KeyKind.RSA2048, "sha256"),
        Arguments.of(KeyKind.RSA3072, "sha256"),
        Arguments.of(KeyKind.RSA4096, "sha256"),
        Arguments.of(KeyKind.ED25519, "sha512"));
  }

  /** Pairs whose signature verifies but which the default allow-list refuses on append. */
  static Stream<Arguments> verifiableButNotAllowed() {
    return Stream.of(
        Arguments.of(KeyKind.P256, "sha384"),
        Arguments.of(KeyKind.P256, "sha512"),
        Arguments.of(KeyKind.P384, "sha256"),
        Arguments.of(KeyKind.P521, "sha256"),
        Arguments.of(KeyKind.RSA2048, "sha384"),
        Arguments.of(KeyKind.RSA4096, "sha512"),
        Arguments.of(KeyKind.RSA1024, "sha256"));
  }

  private static JsonNode entry(KeyKind kind, String algorithm, byte[] pem) {
    byte[] signature = TestSigners.sign(kind, algorithm, ARTIFACT);
    String hex = HEX.formatHex(TestSigners.digest(algorithm, ARTIFACT));
    return proposed(b64(signature), b64(pem), algorithm, hex);
  }

  private static String expectedBody(String algorithm, String hex, byte[] signature, byte[] pem) {
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
        + "{\"algorithm\":\""
        + algorithm
        + "\",\"value\":\""
        + hex
        + "\"}},\"signature\":"
        + "{\"content\":\""
        + b64(signature)
        + "\",\"publicKey\":{\"content\":\""
        + b64(pem)
        + "\"}}}}";
  }

  @ParameterizedTest(name = "{0} {1} key")
  @MethodSource("allowed")
  void acceptsBareKey(KeyKind kind, String algorithm) {
    byte[] pem = TestSigners.publicKeyPem(kind);
    byte[] signature = TestSigners.sign(kind, algorithm, ARTIFACT);
    String hex = HEX.formatHex(TestSigners.digest(algorithm, ARTIFACT));

    CanonicalEntry entry = KINDS.canonicalize(proposed(b64(signature), b64(pem), algorithm, hex));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(expectedBody(algorithm, hex, signature, pem));
    assertThat(entry.kind()).isEqualTo("hashedrekord");
    assertThat(entry.apiVersion()).isEqualTo("0.0.1");
    assertThat(entry.leafHash()).isEqualTo(Rfc6962.leafHash(entry.body()));
    assertThat(entry.uuid()).isEqualTo(entry.leafHash().hex());
    assertThat(entry.searchKeys())
        .containsExactly(HEX.formatHex(Rfc6962.sha256(pem)), algorithm + ":" + hex);
    assertThat(entry.attestation()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} certificate")
  @MethodSource("allowed")
  void acceptsCertificateAndIndexesItsSubjects(KeyKind kind, String algorithm) {
    byte[] pem = TestSigners.certificatePem(kind);
    CanonicalEntry entry = KINDS.canonicalize(entry(kind, algorithm, pem));

    String hex = HEX.formatHex(TestSigners.digest(algorithm, ARTIFACT));
    assertThat(entry.searchKeys())
        .containsExactly(
            HEX.formatHex(Rfc6962.sha256(pem)),
            "signer.example.com",
            "alice@example.com",
            "2001:db8::1",
            "https://github.com/waxseal/waxseal/.github/workflows/release.yml@refs/heads/main",
            "jdoe!oidc.example",
            algorithm + ":" + hex);
    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).contains(b64(pem));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("verifiableButNotAllowed")
  void refusesAlgorithmsOffTheAllowListOnAppendButNotOnSearch(KeyKind kind, String algorithm) {
    JsonNode proposed = entry(kind, algorithm, TestSigners.publicKeyPem(kind));

    assertThatThrownBy(() -> KINDS.canonicalize(proposed))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
              assertThat(e.clientMessage())
                  .isEqualTo("error processing entry: entry algorithms are not allowed");
            });
    assertThat(KINDS.canonicalizeForSearch(proposed).body()).isNotEmpty();
  }

  @Test
  void aNarrowerAllowListRefusesWhatTheDefaultAccepts() {
    EntryKinds p256Only =
        new EntryKinds(
            List.of(
                new HashedRekordKind(
                    java.util.Set.of(
                        dev.waxseal.server.entries.pki.ClientSigningAlgorithm.ECDSA_P256_SHA256),
                    new dev.waxseal.server.entries.pki.X509PublicKeyCache(8))));
    assertThat(
            p256Only.canonicalize(
                entry(KeyKind.P256, "sha256", TestSigners.publicKeyPem(KeyKind.P256))))
        .isNotNull();
    JsonNode rsa = entry(KeyKind.RSA2048, "sha256", TestSigners.publicKeyPem(KeyKind.RSA2048));
    assertThatThrownBy(() -> p256Only.canonicalize(rsa))
        .hasMessage("entry algorithms are not allowed");
  }

  static Stream<Arguments> tamperedMessages() {
    return Stream.of(
        Arguments.of(
            KeyKind.P256, "sha256", "invalid signature when validating ASN.1 encoded signature"),
        Arguments.of(
            KeyKind.P521, "sha512", "invalid signature when validating ASN.1 encoded signature"),
        Arguments.of(KeyKind.RSA2048, "sha256", "crypto/rsa: verification error"),
        Arguments.of(KeyKind.RSA4096, "sha256", "crypto/rsa: verification error"),
        Arguments.of(
            KeyKind.ED25519, "sha512", "failed to verify signature: ed25519: invalid signature"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tamperedMessages")
  void rejectsTamperedSignature(KeyKind kind, String algorithm, String message) {
    byte[] signature = TestSigners.sign(kind, algorithm, ARTIFACT);
    signature[signature.length - 5] ^= 0x01;
    String hex = HEX.formatHex(TestSigners.digest(algorithm, ARTIFACT));
    JsonNode proposed =
        proposed(b64(signature), b64(TestSigners.publicKeyPem(kind)), algorithm, hex);

    assertInvalid(proposed, Reason.INVALID_SIGNATURE, "verifying signature: " + message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tamperedMessages")
  void rejectsSignatureOverAnotherDigest(KeyKind kind, String algorithm, String message) {
    byte[] signature = TestSigners.sign(kind, algorithm, ARTIFACT);
    String otherHex =
        HEX.formatHex(TestSigners.digest(algorithm, "other".getBytes(StandardCharsets.UTF_8)));
    JsonNode proposed =
        proposed(b64(signature), b64(TestSigners.publicKeyPem(kind)), algorithm, otherHex);

    assertInvalid(proposed, Reason.INVALID_SIGNATURE, "verifying signature: " + message);
  }

  @Test
  void rejectsPureEd25519OverSha256Digest() {
    byte[] digest = TestSigners.digest("sha256", ARTIFACT);
    byte[] signature = TestSigners.signPureEd25519(digest);
    JsonNode proposed =
        proposed(
            b64(signature),
            b64(TestSigners.publicKeyPem(KeyKind.ED25519)),
            "sha256",
            HEX.formatHex(digest));

    assertInvalid(
        proposed,
        Reason.INVALID_SIGNATURE,
        "verifying signature: unsupported hash algorithm: \"SHA-256\" not in [SHA-512]");
  }

  @Test
  void rejectsPureEd25519OverSha512Digest() {
    byte[] digest = TestSigners.digest("sha512", ARTIFACT);
    byte[] signature = TestSigners.signPureEd25519(digest);
    JsonNode proposed =
        proposed(
            b64(signature),
            b64(TestSigners.publicKeyPem(KeyKind.ED25519)),
            "sha512",
            HEX.formatHex(digest));

    assertInvalid(
        proposed,
        Reason.INVALID_SIGNATURE,
        "verifying signature: failed to verify signature: ed25519: invalid signature");
  }

  @Test
  void rejectsRsa1024WithAValidSignature() {
    JsonNode proposed = entry(KeyKind.RSA1024, "sha256", TestSigners.publicKeyPem(KeyKind.RSA1024));
    assertInvalid(proposed, Reason.ALGORITHM_NOT_ALLOWED, "entry algorithms are not allowed");
  }

  @Test
  void rejectsSignatureMadeByAnotherKey() {
    byte[] signature = TestSigners.sign(KeyKind.P384, "sha384", ARTIFACT);
    String hex = HEX.formatHex(TestSigners.digest("sha384", ARTIFACT));
    JsonNode proposed =
        proposed(b64(signature), b64(TestSigners.certificatePem(KeyKind.P256)), "sha384", hex);
    assertInvalid(
        proposed,
        Reason.INVALID_SIGNATURE,
        "verifying signature: invalid signature when validating ASN.1 encoded signature");
  }

  static void assertInvalid(JsonNode proposed, Reason reason, String message) {
    assertThatThrownBy(() -> KINDS.canonicalize(proposed))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getStackTrace()).isEmpty();
            });
  }
}
