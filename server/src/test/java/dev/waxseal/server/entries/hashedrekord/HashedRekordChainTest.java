package dev.waxseal.server.entries.hashedrekord;

import static dev.waxseal.server.entries.hashedrekord.HashedRekordKindTest.assertInvalid;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.b64;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.proposed;
import static dev.waxseal.server.entries.pki.TestChains.MESSAGE;
import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.TestChains;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hashedrekord with a certificate chain as its key: Rekor's {@code x509.Signature.Verify} checks
 * the chain, then the signature with the leaf; the body keeps the whole chain re-encoded, and the
 * index its hash and the leaf's subjects.
 */
class HashedRekordChainTest {
  private static final EntryKinds KINDS =
      new EntryKinds(java.util.List.of(HashedRekordKind.withRekorDefaults()));

  private static String body(String hex, byte[] signature, byte[] canonicalKey) {
    return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
        + "{\"algorithm\":\"sha256\",\"value\":\""
        + hex
        + "\"}},\"signature\":{\"content\":\""
        + b64(signature)
        + "\",\"publicKey\":{\"content\":\""
        + b64(canonicalKey)
        + "\"}}}}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ec, chain-ec@waxseal.test, 39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
    "rsa, chain-rsa@waxseal.test, 723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3"
  })
  void acceptsAChainAndIndexesTheLeaf(String type, String email, String chainSha256) {
    byte[] chain = TestChains.fullChain(type);
    // Sent with CRLF line ends: the body keeps Rekor's re-encoding, not the bytes sent.
    byte[] sent =
        new String(chain, StandardCharsets.US_ASCII)
            .replace("\n", "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signature = TestChains.sign(type, MESSAGE);
    String hex = sha256Hex(MESSAGE);

    CanonicalEntry entry = KINDS.canonicalize(proposed(b64(signature), b64(sent), "sha256", hex));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(body(hex, signature, chain));
    // The key hash is of the whole canonical chain (Rekor hashes CanonicalValue()), whose value
    // Rekor's own code computed for these files; the subjects are the leaf's.
    assertThat(entry.searchKeys()).containsExactly(chainSha256, email, "sha256:" + hex);
  }

  @Test
  void acceptsThePublicGoodFulcioChain() {
    byte[] signature = TestChains.publicGoodSignature();
    String hex = sha256Hex(TestChains.publicGoodPae());

    CanonicalEntry entry =
        KINDS.canonicalize(
            proposed(b64(signature), b64(TestChains.publicGoodChain()), "sha256", hex));

    assertThat(hex).isEqualTo("fe1adb40cb1971feb9af5c4907b9ac55a6878c8fc56ff8c519dd400a05e9a21b");
    assertThat(entry.searchKeys())
        .containsExactly(
            "89b22f632d34541cca61066ad2562beaa48c6379a5b8612b2d063d4cebe37007",
            TestChains.PUBLIC_GOOD_SUBJECT,
            "sha256:" + hex);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec", "rsa"})
  void refusesATamperedSignature(String type) {
    byte[] signature = TestChains.tampered(TestChains.sign(type, MESSAGE));
    assertInvalid(
        proposed(b64(signature), b64(TestChains.fullChain(type)), "sha256", sha256Hex(MESSAGE)),
        Reason.INVALID_SIGNATURE,
        "verifying signature: "
            + (type.equals("ec")
                ? "invalid signature when validating ASN.1 encoded signature"
                : "crypto/rsa: verification error"));
  }

  @Test
  void refusesAChainWhoseFirstCertificateIsNotTheSigner() {
    byte[] signature = TestChains.sign("ec", MESSAGE);
    assertInvalid(
        proposed(
            b64(signature),
            b64(TestChains.pem("ec", "intermediate", "root")),
            "sha256",
            sha256Hex(MESSAGE)),
        Reason.INVALID_SIGNATURE,
        "verifying signature: invalid signature when validating ASN.1 encoded signature");
  }

  @Test
  void refusesAChainThatDoesNotVerifyEvenWhenTheLeafSigned() {
    byte[] signature = TestChains.sign("ec", MESSAGE);
    assertInvalid(
        proposed(
            b64(signature),
            b64(TestChains.pem("ec", "leaf", "rogue-intermediate", "root")),
            "sha256",
            sha256Hex(MESSAGE)),
        Reason.INVALID_SIGNATURE,
        "verifying signature: x509: certificate signed by unknown authority (possibly because of"
            + " \"x509: ECDSA verification failure\" while trying to verify candidate authority"
            + " certificate \"Waxseal Test EC Intermediate\")");
    assertInvalid(
        proposed(
            b64(signature),
            b64(TestChains.pem("ec", "root", "intermediate", "leaf")),
            "sha256",
            sha256Hex(MESSAGE)),
        Reason.INVALID_SIGNATURE,
        "verifying signature: x509: certificate signed by unknown authority");
  }

  @Test
  void refusesMoreThanTenCertificates() {
    ByteArrayOutputStream eleven = new ByteArrayOutputStream();
    eleven.writeBytes(TestChains.pem("ec", "leaf"));
    for (int i = 0; i < 9; i++) {
      eleven.writeBytes(TestChains.pem("ec", "intermediate"));
    }
    eleven.writeBytes(TestChains.pem("ec", "root"));
    assertInvalid(
        proposed(
            b64(TestChains.sign("ec", MESSAGE)),
            b64(eleven.toByteArray()),
            "sha256",
            sha256Hex(MESSAGE)),
        Reason.INVALID_PUBLIC_KEY,
        "too many certificates specified in PEM block");
  }
}
