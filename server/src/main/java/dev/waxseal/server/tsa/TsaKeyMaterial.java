package dev.waxseal.server.tsa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * The authority's signing key and certificate chain (leaf first, root last), checked as
 * timestamp-authority checks its chain: the leaf's only extended key usage is {@code
 * id-kp-timeStamping}, marked critical (RFC 3161 §2.3); the key is the leaf's; each certificate is
 * signed by the next and the last by itself.
 *
 * <p>Immutable.
 */
public final class TsaKeyMaterial {
  /** SHA-256, the signing and ESS certificate-id hash. */
  static final AlgorithmIdentifier SHA256_ALGORITHM =
      new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256");

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  private TsaKeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = privateKey;
    this.chain = List.copyOf(chain);
  }

  /**
   * Checks and wraps a key and its chain.
   *
   * @throws IllegalArgumentException naming the rule the chain breaks
   */
  public static TsaKeyMaterial of(PrivateKey privateKey, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the TSA certificate chain is empty");
    }
    X509Certificate leaf = chain.get(0);
    checkTimestampingEku(leaf);
    checkKeyMatches(privateKey, leaf.getPublicKey());
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate issuer = chain.get(Math.min(i + 1, chain.size() - 1));
      try {
        chain.get(i).verify(issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "TSA certificate "
                + i
                + " ("
                + chain.get(i).getSubjectX500Principal()
                + ") is not signed by the next certificate of the chain, or the last is not"
                + " self-signed");
      }
    }
    return new TsaKeyMaterial(privateKey, chain);
  }

  /**
   * Loads a PEM private key and a PEM certificate chain (leaf first).
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if the contents are not a key and a valid chain for it
   */
  public static TsaKeyMaterial load(Path keyFile, Path chainFile) throws IOException {
    PrivateKey key = readPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
    List<X509Certificate> chain = readChain(Files.readAllBytes(chainFile), chainFile);
    return of(key, chain);
  }

  static PrivateKey readPrivateKey(String pem, Path from) throws IOException {
    try (Reader in = new StringReader(pem);
        PEMParser parser = new PEMParser(in)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    }
    throw new IllegalArgumentException(
        from + ": not an unencrypted PEM private key (PKCS #8, SEC 1 or PKCS #1)");
  }

  static List<X509Certificate> readChain(byte[] pem, Path from) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader in = new StringReader(new String(pem, StandardCharsets.US_ASCII));
        PEMParser parser = new PEMParser(in)) {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (!(o instanceof X509CertificateHolder holder)) {
          throw new IllegalArgumentException(from + ": holds something other than certificates");
        }
        chain.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(from + ": a certificate does not parse", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(from + ": no PEM certificate in the chain file");
    }
    return chain;
  }

  private static void checkTimestampingEku(X509Certificate leaf) {
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the TSA certificate's extended key usage is malformed");
    }
    java.util.Set<String> critical = leaf.getCriticalExtensionOIDs();
    if (eku == null
        || critical == null
        || !critical.contains(Extension.extendedKeyUsage.getId())
        || !eku.equals(List.of(KeyPurposeId.id_kp_timeStamping.getId()))) {
      throw new IllegalArgumentException(
          "the TSA certificate must have id-kp-timeStamping as its only extended key usage,"
              + " marked critical (RFC 3161 2.3)");
    }
  }

  private static void checkKeyMatches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      byte[] probe = "waxseal tsa key check".getBytes(StandardCharsets.US_ASCII);
      String algorithm = signatureAlgorithm(privateKey);
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IllegalArgumentException("the TSA key is not the key of the leaf certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the TSA key cannot sign for the leaf certificate: " + e.getMessage());
    }
  }

  /** The JCA signature algorithm for a key: SHA-256 with ECDSA or RSA, or Ed25519. */
  static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default ->
          throw new IllegalArgumentException("unsupported TSA key type " + key.getAlgorithm());
    };
  }

  /** The signing key. */
  PrivateKey privateKey() {
    return privateKey;
  }

  /** The JCA name of the signature the key makes. */
  String signatureAlgorithm() {
    return signatureAlgorithm(privateKey);
  }

  /** The signing certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** The chain, leaf first, root last. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The root (last) certificate. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }

  /** The chain as PEM blocks, leaf first, 64-character lines (Go's {@code pem.Encode}). */
  public String chainPem() {
    StringBuilder out = new StringBuilder();
    for (X509Certificate cert : chain) {
      out.append(pem(cert));
    }
    return out.toString();
  }

  /** One certificate as PEM. */
  static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("certificate does not encode", e);
    }
  }

  @Override
  public String toString() {
    return "TSA " + leaf().getSubjectX500Principal() + " chain of " + chain.size();
  }
}
