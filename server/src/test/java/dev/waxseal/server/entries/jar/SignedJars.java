package dev.waxseal.server.entries.jar;

import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;

/** JARs made and signed in the test with the JDK's own {@code jdk.security.jarsigner} API. */
final class SignedJars {
  static final Map<String, String> FILES =
      Map.of(
          "hello/Hello.txt", "hello, jar\n",
          "hello/World.txt", "a second file\n");

  private static final Map<Kind, byte[]> CERTIFICATES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SignedJars() {}

  /** The self-signed certificate (PEM) the test JARs of {@code kind} are signed with. */
  static byte[] certificatePem(Kind kind) {
    return CERTIFICATES
        .computeIfAbsent(
            kind, k -> Signers.certificatePem(Signers.keyPair(k), k, "jar@example.com"))
        .clone();
  }

  /** An unsigned JAR with a manifest and {@link #FILES}. */
  static byte[] unsigned() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      for (String name : FILES.keySet().stream().sorted().toList()) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(FILES.get(name).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  /** {@link #unsigned()} signed by {@code kind}'s key with a self-signed certificate. */
  static byte[] signed(Kind kind, String signerName, Path directory) throws Exception {
    return sign(unsigned(), kind, signerName, directory);
  }

  static byte[] sign(byte[] jar, Kind kind, String signerName, Path directory) throws Exception {
    KeyPair keys = Signers.keyPair(kind);
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        dev.waxseal.server.entries.pki.Pem.decodeFirst(certificatePem(kind))
                            .orElseThrow()
                            .der()));
    Path input = Files.createTempFile(directory, "in", ".jar");
    Files.write(input, jar);
    JarSigner signer =
        new JarSigner.Builder(
                keys.getPrivate(),
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)))
            .digestAlgorithm("SHA-256")
            .signerName(signerName)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipFile zip = new ZipFile(input.toFile());
        OutputStream sink = out) {
      signer.sign(zip, sink);
    }
    return out.toByteArray();
  }

  /** A copy of {@code jar} with each entry's content passed through {@code edit}. */
  static byte[] rewrite(byte[] jar, String name, UnaryOperator<byte[]> edit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(entry.getName().equals(name) ? edit.apply(content) : content);
      }
    }
    return out.toByteArray();
  }
}
