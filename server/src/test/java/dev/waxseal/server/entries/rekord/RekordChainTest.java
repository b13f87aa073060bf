package dev.waxseal.server.entries.rekord;

import static dev.waxseal.server.entries.pki.TestChains.MESSAGE;
import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.TestChains;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * rekord x509 with a certificate chain: as hashedrekord, Rekor's {@code x509.Signature.Verify}
 * checks the chain, then the signature over the whole artifact with the leaf's key.
 */
class RekordChainTest {
  private static JsonNode spec(byte[] signature, byte[] key, byte[] data) {
    return Rekords.spec("x509", signature, key, data, "");
  }

  private static void assertInvalid(JsonNode spec, Reason reason, String message) {
    assertThatThrownBy(() -> Rekords.KIND.canonicalize(spec, Purpose.APPEND))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ec, chain-ec@waxseal.test, 39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
    "rsa, chain-rsa@waxseal.test, 723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3"
  })
  void acceptsAChainAndIndexesTheLeaf(String type, String email, String chainSha256) {
    byte[] chain = TestChains.fullChain(type);
    byte[] signature = TestChains.sign(type, MESSAGE);

    CanonicalEntry entry =
        Rekords.KIND.canonicalize(spec(signature, chain, MESSAGE), Purpose.APPEND);

    assertThat(Rekords.text(entry)).isEqualTo(Rekords.body("x509", signature, chain, MESSAGE));
    assertThat(entry.searchKeys())
        .containsExactly(chainSha256, email, "sha256:" + sha256Hex(MESSAGE));
  }

  @Test
  void acceptsThePublicGoodFulcioChainOverTheDssePae() {
    byte[] pae = TestChains.publicGoodPae();

    CanonicalEntry entry =
        Rekords.KIND.canonicalize(
            spec(TestChains.publicGoodSignature(), TestChains.publicGoodChain(), pae),
            Purpose.APPEND);

    assertThat(entry.searchKeys())
        .containsExactly(
            "89b22f632d34541cca61066ad2562beaa48c6379a5b8612b2d063d4cebe37007",
            TestChains.PUBLIC_GOOD_SUBJECT,
            "sha256:fe1adb40cb1971feb9af5c4907b9ac55a6878c8fc56ff8c519dd400a05e9a21b");
  }

  @Test
  void refusesATamperedSignatureOrArtifact() {
    byte[] chain = TestChains.fullChain("rsa");
    byte[] signature = TestChains.sign("rsa", MESSAGE);
    assertInvalid(
        spec(TestChains.tampered(signature), chain, MESSAGE),
        Reason.INVALID_SIGNATURE,
        "verifying signature: crypto/rsa: verification error");
    assertInvalid(
        spec(signature, chain, TestChains.tampered(MESSAGE)),
        Reason.INVALID_SIGNATURE,
        "verifying signature: crypto/rsa: verification error");
  }

  @Test
  void refusesAChainWhoseFirstCertificateIsNotTheSigner() {
    byte[] signature = TestChains.sign("rsa", MESSAGE);
    assertInvalid(
        spec(signature, TestChains.pem("rsa", "intermediate", "root"), MESSAGE),
        Reason.INVALID_SIGNATURE,
        "verifying signature: crypto/rsa: verification error");
    assertInvalid(
        spec(signature, TestChains.pem("rsa", "root", "intermediate", "leaf"), MESSAGE),
        Reason.INVALID_SIGNATURE,
        "verifying signature: x509: certificate signed by unknown authority");
  }

  @Test
  void refusesMoreThanTenCertificates() {
    ByteArrayOutputStream eleven = new ByteArrayOutputStream();
    for (int i = 0; i < 11; i++) {
      eleven.writeBytes(TestChains.pem("rsa", "leaf"));
    }
    assertInvalid(
        spec(TestChains.sign("rsa", MESSAGE), eleven.toByteArray(), MESSAGE),
        Reason.INVALID_PUBLIC_KEY,
        "too many certificates specified in PEM block");
  }
}
