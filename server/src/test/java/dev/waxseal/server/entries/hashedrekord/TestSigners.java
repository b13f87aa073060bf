package dev.waxseal.server.entries.hashedrekord;

import dev.waxseal.server.entries.CanonicalJson;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.JsonNode;

/** Generated keys, certificates and signatures for hashedrekord tests (seeded randomness). */
final class TestSigners {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  static final byte[] ARTIFACT = "waxseal test artifact\n".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = seeded();
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  /** The key types under test, each with the JCA names it needs. */
  enum KeyKind {
    P256("EC", "secp256r1", "ECDSA"),
    P384("EC", "secp384r1", "ECDSA"),
    P521("EC", "secp521r1", "ECDSA"),
    RSA1024("RSA", "1024", "RSA"),
    RSA2048("RSA", "2048", "RSA"),
    RSA3072("RSA", "3072", "RSA"),
    RSA4096("RSA", "4096", "RSA"),
    ED25519("Ed25519", "", "Ed25519");

    final String algorithm;
    final String parameter;
    final String signatureSuffix;

    KeyKind(String algorithm, String parameter, String signatureSuffix) {
      this.algorithm = algorithm;
      this.parameter = parameter;
      this.signatureSuffix = signatureSuffix;
    }
  }

  private TestSigners() {}

  private static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(20261130L);
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair keyPair(KeyKind kind) {
    return KEYS.computeIfAbsent(kind.name(), n -> generate(kind));
  }

  private static KeyPair generate(KeyKind kind) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.algorithm, BC);
      switch (kind.algorithm) {
        case "EC" -> generator.initialize(new ECGenParameterSpec(kind.parameter), RANDOM);
        case "RSA" ->
            generator.initialize(
                new RSAKeyGenParameterSpec(
                    Integer.parseInt(kind.parameter), BigInteger.valueOf(65537)),
                RANDOM);
        default -> generator.initialize(255, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaDigest(algorithm)).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jcaDigest(String algorithm) {
    return switch (algorithm) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new IllegalArgumentException(algorithm);
    };
  }

  /**
   * Signs {@code data} the way clients sign a hashedrekord: ECDSA/RSA with the digest algorithm,
   * Ed25519 keys as Ed25519ph (which hashes with SHA-512 itself).
   */
  static byte[] sign(KeyKind kind, String digestAlgorithm, byte[] data) {
    try {
      if (kind == KeyKind.ED25519) {
        Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
        signer.init(true, ed25519Private(kind));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
      }
      String name = jcaDigest(digestAlgorithm).replace("-", "") + "with" + kind.signatureSuffix;
      Signature signature = Signature.getInstance(name, BC);
      signature.initSign(keyPair(kind).getPrivate(), RANDOM);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pure Ed25519 (no pre-hash) over the given bytes, e.g. a SHA-256 digest. */
  static byte[] signPureEd25519(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, ed25519Private(KeyKind.ED25519));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private static Ed25519PrivateKeyParameters ed25519Private(KeyKind kind) {
    try {
      return (Ed25519PrivateKeyParameters)
          PrivateKeyFactory.createKey(keyPair(kind).getPrivate().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as Go would PEM-encode it (this is also Rekor's canonical form). */
  static byte[] publicKeyPem(KeyKind kind) {
    return Pem.encode("PUBLIC KEY", keyPair(kind).getPublic().getEncoded());
  }

  /** A self-signed certificate for the key with DNS, email, IP, URI and Fulcio OtherName SANs. */
  static byte[] certificatePem(KeyKind kind) {
    try {
      KeyPair keys = keyPair(kind);
      X500Name name = new X500Name("CN=waxseal test, O=Waxseal");
      GeneralNames sans =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.rfc822Name, "Alice@Example.COM"),
                new GeneralName(GeneralName.dNSName, "signer.example.com"),
                new GeneralName(GeneralName.iPAddress, "2001:db8:0:0:0:0:0:1"),
                new GeneralName(
                    GeneralName.uniformResourceIdentifier,
                    "https://github.com/waxseal/waxseal/.github/workflows/release.yml@refs/heads/main"),
                new GeneralName(
                    GeneralName.otherName,
                    new DERSequence(
                        new org.bouncycastle.asn1.ASN1Encodable[] {
                          new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.7"),
                          new DERTaggedObject(true, 0, new DERUTF8String("jdoe!oidc.example"))
                        }))
              });
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(20261130),
                  new Date(1_760_000_000_000L),
                  new Date(1_760_000_600_000L),
                  name,
                  keys.getPublic())
              .addExtension(Extension.subjectAlternativeName, true, sans);
      String signer =
          switch (kind.algorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
          };
      byte[] der =
          builder
              .build(new JcaContentSignerBuilder(signer).setProvider(BC).build(keys.getPrivate()))
              .getEncoded();
      return Pem.encode("CERTIFICATE", der);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A proposed entry JSON tree with the given (already encoded) fields. */
  static JsonNode proposed(String signatureB64, String publicKeyB64, String algorithm, String hex) {
    String json =
        "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{"
            + "\"signature\":{\"content\":\""
            + signatureB64
            + "\","
            + "\"publicKey\":{\"content\":\""
            + publicKeyB64
            + "\"}},"
            + "\"data\":{\"hash\":{\"algorithm\":\""
            + algorithm
            + "\",\"value\":\""
            + hex
            + "\"}}}}";
    return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
