package dev.waxseal.server.entries.rekorv2;

import java.io.IOException;
import java.math.BigInteger;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generated keys and signatures for the v2 entry tests (seeded randomness). */
final class V2Signers {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final long SEED = 20261206L;
  private static final SecureRandom RANDOM = seeded();
  private static final Map<Key, KeyPair> KEYS = new ConcurrentHashMap<>();

  /** Key types: JCA algorithm, parameter, JCA signature suffix. */
  enum Key {
    P256("EC", "secp256r1"),
    P384("EC", "secp384r1"),
    P521("EC", "secp521r1"),
    RSA1024("RSA", "1024"),
    RSA2048("RSA", "2048"),
    RSA3072("RSA", "3072"),
    RSA4096("RSA", "4096"),
    ED25519("Ed25519", ""),
    OTHER_P256("EC", "secp256r1");

    final String algorithm;
    final String parameter;

    Key(String algorithm, String parameter) {
      this.algorithm = algorithm;
      this.parameter = parameter;
    }
  }

  private V2Signers() {}

  private static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(SEED);
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair keyPair(Key key) {
    return KEYS.computeIfAbsent(key, V2Signers::generate);
  }

  private static KeyPair generate(Key key) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(key.algorithm, BC);
      switch (key.algorithm) {
        case "EC" -> generator.initialize(new ECGenParameterSpec(key.parameter), RANDOM);
        case "RSA" ->
            generator.initialize(
                new RSAKeyGenParameterSpec(
                    Integer.parseInt(key.parameter), BigInteger.valueOf(65537)),
                RANDOM);
        default -> generator.initialize(255, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DER SubjectPublicKeyInfo. */
  static byte[] spki(Key key) {
    return keyPair(key).getPublic().getEncoded();
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] digest(String jcaName, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signature over {@code message}: {@code SHA256withECDSA}-style JCA name, or Ed25519. */
  static byte[] sign(Key key, String jcaHash, byte[] message) {
    try {
      if (key == Key.ED25519) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, ed25519());
        signer.update(message, 0, message.length);
        return signer.generateSignature();
      }
      String suffix = key.algorithm.equals("EC") ? "ECDSA" : "RSA";
      Signature signature = Signature.getInstance(jcaHash.replace("-", "") + "with" + suffix, BC);
      signature.initSign(keyPair(key).getPrivate(), RANDOM);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RSASSA-PSS (SHA-256, MGF1-SHA-256) by the RSA-2048 key. */
  static byte[] signRsaPss(byte[] message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSAandMGF1", BC);
      signature.initSign(keyPair(Key.RSA2048).getPrivate(), RANDOM);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ed25519ph over {@code message} (the signer hashes it with SHA-512). */
  static byte[] signEd25519ph(byte[] message) {
    Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
    signer.init(true, ed25519());
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private static Ed25519PrivateKeyParameters ed25519() {
    try {
      return (Ed25519PrivateKeyParameters)
          PrivateKeyFactory.createKey(keyPair(Key.ED25519).getPrivate().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed DER certificate for the key (no extensions). */
  static byte[] certificate(Key key) {
    try {
      KeyPair keys = keyPair(key);
      X500Name name = new X500Name("CN=waxseal v2 test");
      String alg =
          switch (key.algorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
          };
      return new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(SEED),
              new Date(1_760_000_000_000L),
              new Date(1_760_000_600_000L),
              name,
              keys.getPublic())
          .build(new JcaContentSignerBuilder(alg).setProvider(BC).build(keys.getPrivate()))
          .getEncoded();
    } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
