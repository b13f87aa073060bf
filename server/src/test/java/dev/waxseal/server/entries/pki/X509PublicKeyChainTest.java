package dev.waxseal.server.entries.pki;

import static dev.waxseal.server.entries.pki.TestChains.MESSAGE;
import static dev.waxseal.server.entries.pki.TestChains.pem;
import static dev.waxseal.server.entries.pki.TestChains.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate chains read and verified as Rekor v1.5.4's {@code pkg/pki/x509} does. The expected
 * canonical hashes, subjects and outcomes below were produced by Rekor's own code (a Go program
 * calling {@code x509.NewPublicKey}, {@code CanonicalValue}, {@code Subjects} and {@code
 * Signature.Verify} on the same files), so each row pins Waxseal to Rekor, not to itself.
 */
class X509PublicKeyChainTest {
  private static final String VERIFYING = "verifying signature: ";

  /** Chain, expected SHA-256 of the canonical PEM, subjects, and Rekor's verify error (or null). */
  static Stream<Arguments> rekorOutcomes() {
    return Stream.of(
        row(
            "ec",
            List.of("leaf", "intermediate", "root"),
            "39e8c9b14efa95047835361089a247a4c85af5ce24e176310c90fcd65fb53253",
            true,
            null),
        row(
            "rsa",
            List.of("leaf", "intermediate", "root"),
            "723c542743680131ea4b6ebd8161e8a4568dc4a3b9fcd092541eb259fc8711b3",
            true,
            null),
        // The last certificate is the trust anchor whether or not it is self-signed.
        row(
            "ec",
            List.of("leaf", "intermediate"),
            "3f1945e878eea087d8245d9c3ca8f413cc06ae045ff5d173f7f942c156b8407f",
            true,
            null),
        row(
            "rsa",
            List.of("leaf", "intermediate"),
            "9f34584b478310510d14dfd318c666645ff703065feb4266b1db9b92ed7f5b27",
            true,
            null),
        // Intermediates are found by name, in any order; only the leaf must come first.
        row(
            "ec",
            List.of("leaf", "root", "intermediate"),
            "160d8ccb5afc1a6155222fdd12b28cfa147bee3b0a9ff94ff29eb0bf8610e0b3",
            true,
            null),
        row(
            "rsa",
            List.of("leaf", "root", "intermediate"),
            "783123203cf46edb815efbbe827ff36cd3b2dfa665073e804b80146e1aae672f",
            true,
            null),
        // A rogue intermediate with the right name and another key is tried, then the real one.
        row(
            "ec",
            List.of("leaf", "rogue-intermediate", "intermediate", "root"),
            "3444deb2e1f4eac1bb215892c49fbf9c562623e8d95ac6904bc311fde02d27cb",
            true,
            null),
        row(
            "ec",
            List.of("leaf", "root"),
            "c7684b538525425612778005a5c83821504503254d7b715d815473431d1966fc",
            true,
            "x509: certificate signed by unknown authority"),
        row(
            "rsa",
            List.of("leaf", "root"),
            "e3e15b1669c4f7652d769e42a41cb56213ba77a24744079677c7fe5b8e44c73a",
            true,
            "x509: certificate signed by unknown authority"),
        row(
            "ec",
            List.of("leaf", "rogue-intermediate", "root"),
            "86593e92b796c74733e7cfdcae675f642e35c012e64f9fff53f477d1d9e9021a",
            true,
            "x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA"
                + " verification failure\" while trying to verify candidate authority certificate"
                + " \"Waxseal Test EC Intermediate\")"),
        // Reversed: the root is taken as the leaf; no path; no subjects (a CA has no SAN).
        row(
            "ec",
            List.of("root", "intermediate", "leaf"),
            "7f00917afff0be67f3770729ef6baeef0e479efe5d0c759f385388005af9ee15",
            false,
            "x509: certificate signed by unknown authority"),
        row(
            "rsa",
            List.of("root", "intermediate", "leaf"),
            "403c802bf34e8641d98e85ef970bceedaad971c59c85a9fa1ad1ef8a7a0f031d",
            false,
            "x509: certificate signed by unknown authority"),
        // The first certificate is not the signer: the chain verifies, the signature does not.
        row(
            "ec",
            List.of("intermediate", "root"),
            "063eb778b8ad97888324e586b529fc7ae35a8b29320b5b809e444e7646c6c3fd",
            false,
            "invalid signature when validating ASN.1 encoded signature"),
        row(
            "rsa",
            List.of("intermediate", "root"),
            "72f2fbe9010f1fbd16b588480d3a652e88bef3c4f92b343d1e6a61ddc0302f80",
            false,
            "crypto/rsa: verification error"));
  }

  private static Arguments row(
      String type, List<String> names, String canonicalSha256, boolean leafFirst, String error) {
    return Arguments.of(type, names, canonicalSha256, leafFirst, error);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rekorOutcomes")
  void readsAndVerifiesChainsAsRekor(
      String type, List<String> names, String canonicalSha256, boolean leafFirst, String error) {
    X509PublicKey key = X509PublicKey.parse(pem(type, names.toArray(String[]::new)));
    byte[] signature = TestChains.sign(type, MESSAGE);

    assertThat(sha256Hex(key.canonicalPem())).isEqualTo(canonicalSha256);
    assertThat(key.isCertificate()).isTrue();
    assertThat(key.subjects())
        .isEqualTo(
            leafFirst
                ? List.of(type.equals("ec") ? TestChains.EC_EMAIL : TestChains.RSA_EMAIL)
                : List.of());
    // What Rekor's x509.Signature.Verify does for hashedrekord and rekord: chain, then signature.
    Runnable rekorVerify =
        () -> {
          key.verifyChain();
          key.verifyMessage(MESSAGE, signature);
        };
    if (error == null) {
      assertThatCode(rekorVerify::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(rekorVerify::run)
          .isInstanceOf(InvalidEntryException.class)
          .hasMessage(VERIFYING + error)
          .extracting(e -> ((InvalidEntryException) e).reason())
          .isEqualTo(Reason.INVALID_SIGNATURE);
    }
  }

  /** The chains of {@code edge/} (see make-edge-chains.sh) and Rekor's verdict on each. */
  static Stream<Arguments> goPathBuildingRules() {
    return Stream.of(
        Arguments.of("pathlen-exceeded", "x509: too many intermediates for path length constraint"),
        Arguments.of(
            "issuer-not-ca",
            "x509: certificate signed by unknown authority (possibly because of \"x509: invalid"
                + " signature: parent certificate cannot sign this kind of certificate\" while"
                + " trying to verify candidate authority certificate \"Edge Not A CA\")"),
        Arguments.of("unhandled-critical-extension", "x509: unhandled critical extension"),
        // The time of verification is the leaf's notBefore, not now.
        Arguments.of(
            "intermediate-expired",
            "x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z"
                + " is after 2021-01-01T00:00:00Z"),
        Arguments.of(
            "intermediate-not-yet-valid",
            "x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z"
                + " is before 2030-01-01T00:00:00Z"),
        Arguments.of("leaf-expired-long-ago", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goPathBuildingRules")
  void checksChainsWithGosPathBuildingRules(String file, String error) {
    X509PublicKey key = X509PublicKey.parse(pem("edge", file));

    assertThat(key.subjects()).containsExactly("edge@waxseal.test");
    if (error == null) {
      assertThatCode(key::verifyChain).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(key::verifyChain).hasMessage(VERIFYING + error);
    }
  }

  @Test
  void readsThePublicGoodFulcioChainAsRekor() {
    X509PublicKey key = X509PublicKey.parse(TestChains.publicGoodChain());

    assertThat(sha256Hex(key.canonicalPem()))
        .isEqualTo("89b22f632d34541cca61066ad2562beaa48c6379a5b8612b2d063d4cebe37007");
    assertThat(key.subjects()).containsExactly(TestChains.PUBLIC_GOOD_SUBJECT);
    assertThatCode(key::verifyChain).doesNotThrowAnyException();
    assertThatCode(
            () -> key.verifyMessage(TestChains.publicGoodPae(), TestChains.publicGoodSignature()))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                key.verifyMessage(
                    TestChains.publicGoodPae(),
                    TestChains.tampered(TestChains.publicGoodSignature())))
        .hasMessage(VERIFYING + "invalid signature when validating ASN.1 encoded signature");
  }

  @Test
  void reversedPublicGoodChainDoesNotVerify() {
    byte[] good = TestChains.publicGoodChain();
    String text = new String(good, StandardCharsets.US_ASCII);
    List<String> blocks = List.of(text.split("(?<=-----END CERTIFICATE-----\n)"));
    String reversed = blocks.get(2) + blocks.get(1) + blocks.get(0);

    X509PublicKey key = X509PublicKey.parse(reversed.getBytes(StandardCharsets.US_ASCII));

    assertThat(sha256Hex(key.canonicalPem()))
        .isEqualTo("5fe6f6d7b29c0867229a6afae3681b82dda7e05e84960a9ffaf7236b952f46bd");
    assertThatThrownBy(key::verifyChain)
        .hasMessage(VERIFYING + "x509: certificate signed by unknown authority");
  }

  @Test
  void canonicalFormReEncodesEachCertificateInGoLayout() {
    // CRLF, blank lines and text between the blocks: Rekor keeps only the certificates' DER.
    String leaf = new String(pem("ec", "leaf"), StandardCharsets.US_ASCII);
    String root = new String(pem("ec", "root"), StandardCharsets.US_ASCII);
    String messy = "\n  " + leaf.replace("\n", "\r\n") + "\n  a comment  \n\n" + root + "\n\n";

    X509PublicKey key = X509PublicKey.parse(messy.getBytes(StandardCharsets.US_ASCII));

    assertThat(key.canonicalPem()).isEqualTo(pem("ec", "leaf", "root"));
    assertThat(sha256Hex(key.canonicalPem()))
        .isEqualTo("c7684b538525425612778005a5c83821504503254d7b715d815473431d1966fc");
  }

  @Test
  void acceptsTenCertificatesAndRefusesElevenWithRekorsMessage() {
    assertThat(sha256Hex(X509PublicKey.parse(repeatedIntermediates(8)).canonicalPem()))
        .isEqualTo("28266a5ee7ddb7b1ea88cca7a3c3faa5b8ab452f41e9595f804809aaab54db6a");
    assertThatCode(() -> X509PublicKey.parse(repeatedIntermediates(8)).verifyChain())
        .doesNotThrowAnyException();

    assertThatThrownBy(() -> X509PublicKey.parse(repeatedIntermediates(9)))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("too many certificates specified in PEM block")
        .extracting(e -> ((InvalidEntryException) e).reason())
        .isEqualTo(Reason.INVALID_PUBLIC_KEY);
  }

  /** Leaf, {@code n} copies of the intermediate, root. */
  private static byte[] repeatedIntermediates(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(pem("ec", "leaf"));
    for (int i = 0; i < n; i++) {
      out.writeBytes(pem("ec", "intermediate"));
    }
    out.writeBytes(pem("ec", "root"));
    return out.toByteArray();
  }

  @Test
  void refusesTrailingTextAfterTheLastCertificate() {
    byte[] junk =
        (new String(pem("ec", "leaf", "root"), StandardCharsets.US_ASCII) + "junk\n")
            .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> X509PublicKey.parse(junk))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("error during PEM decoding");
  }

  @Test
  void readsEveryBlockAsACertificateWhateverItsLabel() throws Exception {
    // Rekor parses every block of a bundle as a certificate: a root labelled PUBLIC KEY is a
    // certificate (and is canonicalized as one); a real public key is refused. Go's message names
    // the first field that fails ("x509: malformed serial number"); ours, the certificate.
    byte[] rootDer = Pem.decodeFirst(pem("ec", "root")).orElseThrow().der();
    byte[] relabelled = concat(pem("ec", "leaf"), Pem.encode("PUBLIC KEY", rootDer));
    assertThat(X509PublicKey.parse(relabelled).canonicalPem()).isEqualTo(pem("ec", "leaf", "root"));

    byte[] spki =
        org.bouncycastle.asn1.x509.Certificate.getInstance(rootDer)
            .getSubjectPublicKeyInfo()
            .getEncoded();
    byte[] withKey = concat(pem("ec", "leaf"), Pem.encode("PUBLIC KEY", spki));
    assertThatThrownBy(() -> X509PublicKey.parse(withKey))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageStartingWith("x509: malformed");
  }

  @Test
  void refusesACertificateWithAMalformedStandardExtension() throws Exception {
    // Go's x509.ParseCertificate refuses it ("x509: invalid basic constraints"), so Rekor's
    // NewPublicKey does; this must be a 400, never an unexpected exception.
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    java.security.KeyPair keys = generator.generateKeyPair();
    org.bouncycastle.asn1.x500.X500Name name =
        new org.bouncycastle.asn1.x500.X500Name("CN=malformed");
    byte[] der =
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                new java.util.Date(0),
                new java.util.Date(4_000_000_000_000L),
                name,
                keys.getPublic())
            .addExtension(
                org.bouncycastle.asn1.x509.Extension.basicConstraints,
                true,
                "not DER".getBytes(StandardCharsets.US_ASCII))
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(keys.getPrivate()))
            .getEncoded();
    byte[] chain = concat(Pem.encode("CERTIFICATE", der), pem("ec", "root"));

    assertThatThrownBy(() -> X509PublicKey.parse(chain))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PUBLIC_KEY))
        .hasMessage("x509: malformed extension");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
