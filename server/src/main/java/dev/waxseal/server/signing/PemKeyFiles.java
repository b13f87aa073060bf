package dev.waxseal.server.signing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reads and writes unencrypted PEM private keys (PKCS#8 or SEC 1) for the log's signers. */
public final class PemKeyFiles {
  private PemKeyFiles() {}

  /**
   * Loads the private key in {@code file}.
   *
   * @throws IllegalArgumentException if the file cannot be read or holds no supported key; the
   *     message names the file and what was found
   */
  public static AsymmetricKeyParameter load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      if (pem instanceof PEMKeyPair pair) {
        return PrivateKeyFactory.createKey(pair.getPrivateKeyInfo());
      }
      if (pem instanceof PrivateKeyInfo info) {
        return PrivateKeyFactory.createKey(info);
      }
      throw new IllegalArgumentException(
          file
              + " holds "
              + (pem == null ? "no PEM object" : pem.getClass().getSimpleName())
              + "; want an unencrypted PKCS#8 (BEGIN PRIVATE KEY) or SEC 1 (BEGIN EC PRIVATE KEY)"
              + " key");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the key file " + file + ": " + e, e);
    }
  }

  /**
   * Generates a new private key of {@code algorithm} and writes it to {@code file} as PKCS#8 PEM,
   * readable by the owner only.
   *
   * @throws IOException if the file cannot be written
   */
  public static AsymmetricKeyParameter generate(SignatureAlgorithm algorithm, Path file)
      throws IOException {
    AsymmetricKeyParameter key =
        switch (algorithm) {
          case ECDSA_P256_SHA256 -> generateP256();
          case ED25519 -> new Ed25519PrivateKeyParameters(new SecureRandom());
        };
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(
          new PemObject(
              "PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded()));
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path temp = Files.createTempFile(dir, ".key", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: rely on the directory's permissions
    }
    Files.writeString(temp, text.toString(), StandardCharsets.US_ASCII);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return key;
  }

  private static AsymmetricKeyParameter generateP256() {
    X9ECParameters curve = SECNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    ECNamedDomainParameters domain =
        new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve);
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(domain, new SecureRandom()));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return pair.getPrivate();
  }
}
