package dev.waxseal.server.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log key: PEM files from other tools load, and signatures verify with the JDK. */
class PemLogSignerTest {
  private static final byte[] MESSAGE = "a checkpoint\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void pkcs8KeyFromTheJdkSignsVerifiableEcdsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path file = dir.resolve("key.pem");
    Files.writeString(
        file,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    PemLogSigner signer = PemLogSigner.of(PemKeyFiles.load(file));

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(signer.publicKeyDer()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(jdkVerifies("SHA256withECDSA", pair.getPublic(), signer.sign(MESSAGE))).isTrue();
  }

  @Test
  void generatedKeysRoundTripThroughTheirFile() throws Exception {
    for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
      Path file = dir.resolve(algorithm + ".pem");
      PemLogSigner generated = PemLogSigner.of(PemKeyFiles.generate(algorithm, file));
      PemLogSigner loaded = PemLogSigner.of(PemKeyFiles.load(file));
      assertThat(loaded.publicKeyDer()).isEqualTo(generated.publicKeyDer());
      String keyAlgorithm = algorithm == SignatureAlgorithm.ED25519 ? "Ed25519" : "EC";
      PublicKey publicKey =
          KeyFactory.getInstance(keyAlgorithm)
              .generatePublic(new X509EncodedKeySpec(loaded.publicKeyDer()));
      String signatureAlgorithm =
          algorithm == SignatureAlgorithm.ED25519 ? "Ed25519" : "SHA256withECDSA";
      assertThat(jdkVerifies(signatureAlgorithm, publicKey, loaded.sign(MESSAGE))).isTrue();
    }
  }

  @Test
  void rejectsOtherCurvesWithAClearMessage() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    Path file = dir.resolve("p384.pem");
    Files.writeString(
        file,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemLogSigner.of(PemKeyFiles.load(file)))
        .hasMessage("log key is ECDSA on a 384-bit curve; use P-256 or Ed25519");
  }

  @Test
  void rejectsAFileWithoutAPrivateKey() throws Exception {
    Path file = dir.resolve("empty.pem");
    Files.writeString(file, "not a key\n");
    assertThatThrownBy(() -> PemKeyFiles.load(file)).hasMessageContaining("holds no PEM object");
  }

  private static boolean jdkVerifies(String algorithm, PublicKey key, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(MESSAGE);
    return verifier.verify(signature);
  }
}
