package dev.waxseal.server.entries.dsse;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.Pem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generated keys, certificates and message signatures (seeded randomness, Bouncy Castle), shared by
 * the dsse, intoto and rekord tests.
 */
public final class Signers {
  /** The Bouncy Castle provider, for test-side signing only. */
  public static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private static final SecureRandom RANDOM = seeded();
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  /** Key types, with how a sigstore verifier signs a whole message with each. */
  public enum Kind {
    /** ECDSA P-256, SHA-256. */
    P256("EC", "secp256r1", "SHA256withECDSA"),
    /** ECDSA P-384, but SHA-256 (sigstore's LoadVerifier(key, SHA256) hashes with SHA-256). */
    P384("EC", "secp384r1", "SHA256withECDSA"),
    /** RSA 2048, PKCS #1 v1.5 with SHA-256. */
    RSA2048("RSA", "2048", "SHA256withRSA"),
    /** Ed25519, pure. */
    ED25519("Ed25519", "", "Ed25519");

    final String algorithm;
    final String parameter;
    final String signature;

    Kind(String algorithm, String parameter, String signature) {
      this.algorithm = algorithm;
      this.parameter = parameter;
      this.signature = signature;
    }
  }

  private Signers() {}

  private static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(20261130L);
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key pair of {@code kind} (generated once per kind and label). */
  public static KeyPair keyPair(Kind kind, String label) {
    return KEYS.computeIfAbsent(kind + "/" + label, n -> generate(kind));
  }

  /** The first key pair of {@code kind}. */
  public static KeyPair keyPair(Kind kind) {
    return keyPair(kind, "");
  }

  private static KeyPair generate(Kind kind) {
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

  /** Signs {@code message} as a sigstore {@code LoadSigner(key, SHA256)} would. */
  public static byte[] sign(KeyPair keys, Kind kind, byte[] message) {
    try {
      Signature signature = Signature.getInstance(kind.signature, BC);
      signature.initSign(keys.getPrivate(), RANDOM);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key in Go's PEM layout (Rekor's canonical form). */
  public static byte[] publicKeyPem(KeyPair keys) {
    return Pem.encode("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  /** A self-signed certificate with an email and a URI subject alternative name. */
  public static byte[] certificatePem(KeyPair keys, Kind kind, String email) {
    try {
      X500Name name = new X500Name("CN=waxseal test");
      GeneralNames sans =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.rfc822Name, email),
                new GeneralName(
                    GeneralName.uniformResourceIdentifier, "https://example.com/workflow")
              });
      String signer =
          switch (kind.algorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
          };
      byte[] der =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(7),
                  new Date(1_760_000_000_000L),
                  new Date(1_760_000_600_000L),
                  name,
                  keys.getPublic())
              .addExtension(Extension.subjectAlternativeName, false, sans)
              .build(new JcaContentSignerBuilder(signer).setProvider(BC).build(keys.getPrivate()))
              .getEncoded();
      return Pem.encode("CERTIFICATE", der);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A DSSE signature of {@code payload} by {@code keys}, base64. */
  public static String dsseSignature(KeyPair keys, Kind kind, String payloadType, byte[] payload) {
    return b64(sign(keys, kind, DsseEnvelope.pae(payloadType, payload)));
  }

  /** An envelope in Go's {@code json.Marshal(dsse.Envelope)} form. */
  public static String envelopeJson(String payloadType, byte[] payload, List<String> sigs) {
    StringBuilder s =
        new StringBuilder("{\"payloadType\":\"")
            .append(payloadType)
            .append("\",\"payload\":\"")
            .append(b64(payload))
            .append("\",\"signatures\":[");
    for (int i = 0; i < sigs.size(); i++) {
      s.append(i == 0 ? "" : ",").append("{\"keyid\":\"\",\"sig\":\"").append(sigs.get(i));
      s.append("\"}");
    }
    return s.append("]}").toString();
  }

  /** Standard base64. */
  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] bytes) {
    return Hash.of(Rfc6962.sha256(bytes)).hex();
  }

  /** A small in-toto statement with one subject and one SLSA 0.2 material. */
  public static byte[] statement(String subjectSha256, String materialSha1) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"a.txt\","
            + "\"digest\":{\"sha256\":\""
            + subjectSha256
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
            + "\"predicate\":{\"builder\":{\"id\":\"https://example.com/builder\"},"
            + "\"buildType\":\"https://example.com/type\",\"materials\":[{\"uri\":\"git+https://"
            + "example.com/repo\",\"digest\":{\"sha1\":\""
            + materialSha1
            + "\"}}]}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
