package dev.waxseal.server.entries.alpine;

import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.TestChains;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * alpine 0.0.1 with a certificate chain as key: Rekor verifies the APK signature with the leaf's
 * key ({@code apk.VerifySignature(keyObj.CryptoPubKey())}) and stores the canonical chain; it does
 * not check the chain.
 */
class AlpineChainTest {
  private static final AlpineKind KIND =
      new AlpineKind(new X509PublicKeyCache(16), AlpineKind.DEFAULT_MAX_METADATA_SIZE);

  private static byte[] apkSignedByTheLeaf(String type) throws Exception {
    byte[] dataGz = Apks.data();
    return Apks.signed(
        new KeyPair(null, TestChains.leafKey(type)),
        type.equals("ec") ? "SHA1withECDSA" : "SHA1withRSA",
        Apks.pkginfo(dataGz),
        dataGz);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ec, chain-ec@waxseal.test, 39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
    "rsa, chain-rsa@waxseal.test, 723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3"
  })
  void acceptsAChainStoresItAndIndexesTheLeaf(String type, String email, String chainSha256)
      throws Exception {
    byte[] apk = apkSignedByTheLeaf(type);
    String chain = new String(TestChains.fullChain(type), StandardCharsets.US_ASCII);

    CanonicalEntry entry = AlpineKindTest.canonicalize(KIND, AlpineKindTest.request(apk, chain));

    assertThat(
            CanonicalJson.parse(entry.body())
                .get("spec")
                .get("publicKey")
                .get("content")
                .stringValue())
        .isEqualTo(Base64.getEncoder().encodeToString(TestChains.fullChain(type)));
    assertThat(entry.searchKeys()).containsExactly(chainSha256, email, "sha256:" + sha256Hex(apk));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ec", "rsa"})
  void refusesAChainWhoseFirstCertificateIsNotTheSigner(String type) throws Exception {
    byte[] apk = apkSignedByTheLeaf(type);
    String chain =
        new String(TestChains.pem(type, "intermediate", "root"), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> AlpineKindTest.canonicalize(KIND, AlpineKindTest.request(apk, chain)))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageContaining(
            type.equals("ec")
                ? "invalid signature when validating ASN.1 encoded signature"
                : "crypto/rsa: verification error");
  }
}
