package dev.waxseal.server.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a TSA key and chain for the quick start: an ECDSA P-256 root (self-signed CA) and an ECDSA
 * P-256 leaf it certifies, with {@code id-kp-timeStamping} as the leaf's only, critical, extended
 * key usage, as timestamp-authority's in-memory signer does (it adds an intermediate).
 */
final class TsaKeyGenerator {
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private TsaKeyGenerator() {}

  /** Generates key material for {@code hostname}, valid from a few minutes before {@code now}. */
  static TsaKeyMaterial generate(String hostname, Instant now, SecureRandom random) {
    try {
      KeyPair root = p256(random);
      KeyPair leaf = p256(random);
      Date notBefore = Date.from(now.minus(Duration.ofMinutes(5)));
      Date notAfter = Date.from(now.plus(VALIDITY));
      X500Name rootName = new X500Name("CN=Waxseal TSA Root, O=" + hostname);
      X500Name leafName = new X500Name("CN=Waxseal TSA Timestamping, O=" + hostname);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder rootBuilder =
          new JcaX509v3CertificateBuilder(
                  rootName, serial(random), notBefore, notAfter, rootName, root.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(root.getPublic()));
      X509Certificate rootCert = sign(rootBuilder, root);

      X509v3CertificateBuilder leafBuilder =
          new JcaX509v3CertificateBuilder(
                  rootCert, serial(random), notBefore, notAfter, leafName, leaf.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(leaf.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  utils.createAuthorityKeyIdentifier(rootCert));
      X509Certificate leafCert = sign(leafBuilder, root);
      return TsaKeyMaterial.of(leaf.getPrivate(), List.of(leafCert, rootCert));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("generating the TSA key and chain failed", e);
    }
  }

  /**
   * Writes the chain (PEM), then the key (PKCS #8 PEM, owner-only where the file system allows),
   * each through a temporary file moved into place, so that a crash part-way leaves at most a chain
   * without its key: the next start then finds no key and generates both again, where a key without
   * its chain would have made every later start fail.
   */
  static void write(TsaKeyMaterial keys, Path keyFile, Path chainFile) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.privateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    replace(chainFile, keys.chainPem());
    replace(keyFile, pem);
  }

  private static void replace(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temporary;
    try {
      temporary =
          Files.createTempFile(
              dir,
              file.getFileName().toString(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    }
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static KeyPair p256(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(159, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
