package dev.waxseal.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signed hashedrekord proposed entries as clients make them, per key type: the client hashes an
 * artifact and signs it (ECDSA and RSA PKCS#1 v1.5 over the digest, Ed25519 as Ed25519ph).
 */
final class ClientEntries {
  /** A key type and the digest a client pairs with it (Rekor's default allow-list). */
  enum KeyType {
    P256("EC", "secp256r1", "SHA-256", "sha256", "SHA256withECDSA"),
    P384("EC", "secp384r1", "SHA-384", "sha384", "SHA384withECDSA"),
    RSA2048("RSA", "2048", "SHA-256", "sha256", "SHA256withRSA"),
    ED25519PH("Ed25519", "", "SHA-512", "sha512", "");

    final String keyAlgorithm;
    final String parameter;
    final String digest;
    final String jsonDigest;
    final String signature;

    KeyType(
        String keyAlgorithm, String parameter, String digest, String jsonDigest, String signature) {
      this.keyAlgorithm = keyAlgorithm;
      this.parameter = parameter;
      this.digest = digest;
      this.jsonDigest = jsonDigest;
      this.signature = signature;
    }
  }

  private final KeyType type;
  private final KeyPair pair;
  private final String pemBase64;

  ClientEntries(KeyType type) throws GeneralSecurityException {
    this.type = type;
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type.keyAlgorithm);
    if (type.keyAlgorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec(type.parameter));
    } else if (type.keyAlgorithm.equals("RSA")) {
      generator.initialize(Integer.parseInt(type.parameter));
    }
    this.pair = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    this.pemBase64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** A proposed entry (UTF-8 JSON) for a random artifact of 64 bytes. */
  byte[] next(Random random) throws GeneralSecurityException, IOException {
    byte[] artifact = new byte[64];
    random.nextBytes(artifact);
    byte[] digest = MessageDigest.getInstance(type.digest).digest(artifact);
    String json =
        "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{\"content\":\""
            + Base64.getEncoder().encodeToString(sign(artifact))
            + "\",\"publicKey\":{\"content\":\""
            + pemBase64
            + "\"}},\"data\":{\"hash\":{\"algorithm\":\""
            + type.jsonDigest
            + "\",\"value\":\""
            + HexFormat.of().formatHex(digest)
            + "\"}}}}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] sign(byte[] artifact) throws GeneralSecurityException, IOException {
    if (type == KeyType.ED25519PH) {
      Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
      signer.init(
          true,
          (Ed25519PrivateKeyParameters)
              PrivateKeyFactory.createKey(pair.getPrivate().getEncoded()));
      signer.update(artifact, 0, artifact.length);
      return signer.generateSignature();
    }
    Signature signature = Signature.getInstance(type.signature);
    signature.initSign(pair.getPrivate(), new SecureRandom());
    signature.update(artifact);
    return signature.sign();
  }
}
