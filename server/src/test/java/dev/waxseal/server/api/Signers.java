package dev.waxseal.server.api;

import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys, certificates and hashedrekord requests made in the test, as a client makes them. Seeded, so
 * a failure reproduces.
 */
final class Signers {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = seeded(20261130L);
  private static final Map<Key, KeyPair> KEYS = new EnumMap<>(Key.class);

  /** Key types a client may sign with, and the digest each signs. */
  enum Key {
    P256("sha256"),
    P384("sha384"),
    RSA2048("sha256"),
    ED25519("sha512");

    final String digest;

    Key(String digest) {
      this.digest = digest;
    }
  }

  private Signers() {}

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static synchronized KeyPair keyPair(Key key) {
    return KEYS.computeIfAbsent(key, Signers::generate);
  }

  private static KeyPair generate(Key key) {
    try {
      KeyPairGenerator generator;
      switch (key) {
        case P256, P384 -> {
          generator = KeyPairGenerator.getInstance("EC", BC);
          generator.initialize(
              new ECGenParameterSpec(key == Key.P256 ? "secp256r1" : "secp384r1"), RANDOM);
        }
        case RSA2048 -> {
          generator = KeyPairGenerator.getInstance("RSA", BC);
          generator.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537)), RANDOM);
        }
        default -> {
          generator = KeyPairGenerator.getInstance("Ed25519", BC);
          generator.initialize(255, RANDOM);
        }
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-" + algorithm.substring(3)).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs {@code data}: ECDSA/RSA over the key's digest, Ed25519 as Ed25519ph. */
  static byte[] sign(Key key, byte[] data) {
    try {
      if (key == Key.ED25519) {
        Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
        signer.init(
            true,
            (Ed25519PrivateKeyParameters)
                PrivateKeyFactory.createKey(keyPair(key).getPrivate().getEncoded()));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
      }
      String digest = "SHA" + key.digest.substring(3);
      String name = digest + "with" + (key == Key.RSA2048 ? "RSA" : "ECDSA");
      Signature signature = Signature.getInstance(name, BC);
      signature.initSign(keyPair(key).getPrivate(), RANDOM);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] publicKeyPem(Key key) {
    return Pem.encode("PUBLIC KEY", keyPair(key).getPublic().getEncoded());
  }

  /** A self-signed certificate for the key with an email SAN. */
  static byte[] certificatePem(Key key, String email) {
    try {
      KeyPair keys = keyPair(key);
      X500Name name = new X500Name("CN=waxseal api test");
      GeneralNames sans = new GeneralNames(new GeneralName(GeneralName.rfc822Name, email));
      String algorithm =
          switch (key) {
            case P256, P384 -> "SHA256withECDSA";
            case RSA2048 -> "SHA256withRSA";
            default -> "Ed25519";
          };
      byte[] der =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(RANDOM.nextInt(1 << 30)),
                  new Date(1_760_000_000_000L),
                  new Date(1_760_000_600_000L),
                  name,
                  keys.getPublic())
              .addExtension(Extension.subjectAlternativeName, false, sans)
              .build(
                  new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()))
              .getEncoded();
      return Pem.encode("CERTIFICATE", der);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A hashedrekord 0.0.1 proposed entry with the given encoded fields. */
  static String proposed(String signatureB64, String publicKeyB64, String algorithm, String hex) {
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{"
        + "\"signature\":{\"content\":\""
        + signatureB64
        + "\",\"publicKey\":{\"content\":\""
        + publicKeyB64
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\""
        + algorithm
        + "\",\"value\":\""
        + hex
        + "\"}}}}";
  }

  /** A signed artifact: what it is, and the request that logs it. */
  record Signed(byte[] artifact, String digestHex, String publicKeyPem, String request) {}

  /** Signs {@code artifact} with {@code key}, presenting the key or a certificate for it. */
  static Signed signed(Key key, byte[] artifact, boolean certificate, String email) {
    byte[] digest = digest(key.digest, artifact);
    String hex = java.util.HexFormat.of().formatHex(digest);
    byte[] pem = certificate ? certificatePem(key, email) : publicKeyPem(key);
    String request = proposed(b64(sign(key, artifact)), b64(pem), key.digest, hex);
    return new Signed(artifact, hex, new String(pem, StandardCharsets.US_ASCII), request);
  }
}
