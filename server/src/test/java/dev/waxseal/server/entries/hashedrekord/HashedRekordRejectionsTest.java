package dev.waxseal.server.entries.hashedrekord;

import static dev.waxseal.server.entries.hashedrekord.HashedRekordKindTest.assertInvalid;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.ARTIFACT;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.b64;
import static dev.waxseal.server.entries.hashedrekord.TestSigners.proposed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.hashedrekord.TestSigners.KeyKind;
import dev.waxseal.server.entries.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Malformed proposed entries, each refused with the message a client needs. */
class HashedRekordRejectionsTest {
  private static final EntryKinds KINDS =
      new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));
  private static final String HEX =
      HexFormat.of().formatHex(TestSigners.digest("sha256", ARTIFACT));
  private static final String SIGNATURE = b64(TestSigners.sign(KeyKind.P256, "sha256", ARTIFACT));
  private static final String KEY = b64(TestSigners.publicKeyPem(KeyKind.P256));

  private static JsonNode json(String json) {
    return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheValidBaseline() {
    assertThat(KINDS.canonicalize(proposed(SIGNATURE, KEY, "sha256", HEX)).body()).isNotEmpty();
  }

  @Test
  void rejectsDigestOfWrongLength() {
    assertInvalid(
        proposed(SIGNATURE, KEY, "sha256", HEX.substring(2)),
        Reason.MALFORMED_ENTRY,
        "invalid value for hash");
    assertInvalid(
        proposed(SIGNATURE, KEY, "sha512", HEX), Reason.MALFORMED_ENTRY, "invalid value for hash");
  }

  @Test
  void rejectsNonHexDigest() {
    assertInvalid(
        proposed(SIGNATURE, KEY, "sha256", "g" + HEX.substring(1)),
        Reason.MALFORMED_ENTRY,
        "encoding/hex: invalid byte: U+0067 'g'");
  }

  @Test
  void rejectsUnknownDigestAlgorithm() {
    assertInvalid(
        proposed(SIGNATURE, KEY, "md5", HEX),
        Reason.MALFORMED_ENTRY,
        "data.hash.algorithm in body should be one of [sha256 sha384 sha512]");
    assertInvalid(
        proposed(SIGNATURE, KEY, "SHA256", HEX),
        Reason.MALFORMED_ENTRY,
        "data.hash.algorithm in body should be one of [sha256 sha384 sha512]");
  }

  @Test
  void rejectsBadBase64() {
    assertInvalid(
        proposed("not base64!", KEY, "sha256", HEX),
        Reason.MALFORMED_ENTRY,
        "failed parsing base64 data for signature content: illegal base64 data");
    assertInvalid(
        proposed(SIGNATURE, KEY.substring(0, KEY.length() - 1), "sha256", HEX),
        Reason.MALFORMED_ENTRY,
        "failed parsing base64 data for public key content: illegal base64 data");
  }

  @Test
  void rejectsGarbageKey() {
    assertInvalid(
        proposed(SIGNATURE, b64("hello".getBytes(StandardCharsets.UTF_8)), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "invalid public key: failure decoding PEM");
    byte[] garbageDer = Pem.encode("PUBLIC KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
    assertInvalid(
        proposed(SIGNATURE, b64(garbageDer), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: failed to parse public key");
    byte[] garbageCert = Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00});
    assertInvalid(
        proposed(SIGNATURE, b64(garbageCert), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: malformed certificate");
  }

  @Test
  void rejectsPemTypesRekorDoesNotHandle() {
    byte[] rsaPublicKey = Pem.encode("RSA PUBLIC KEY", new byte[] {0x30, 0x00});
    assertInvalid(
        proposed(SIGNATURE, b64(rsaPublicKey), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "invalid public key: cannot handle type RSA PUBLIC KEY");
  }

  @Test
  void rejectsCertificateChainsOfMoreThanTen() {
    byte[] cert = TestSigners.certificatePem(KeyKind.P256);
    byte[] chain =
        new String(cert, StandardCharsets.US_ASCII).repeat(11).getBytes(StandardCharsets.US_ASCII);
    assertInvalid(
        proposed(SIGNATURE, b64(chain), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "too many certificates specified in PEM block");
  }

  @Test
  void rejectsEmptyOrMissingSignature() {
    assertInvalid(
        proposed("", KEY, "sha256", HEX),
        Reason.INVALID_SIGNATURE,
        "verifying signature: X509 signature has not been initialized");
  }

  @Test
  void rejectsMissingParts() {
    assertInvalid(
        json("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{}}}"),
        Reason.MALFORMED_ENTRY,
        "data in body is required");
    assertInvalid(
        json(
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{}}}}"),
        Reason.MALFORMED_ENTRY,
        "signature in body is required");
    assertInvalid(
        json(
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{},"
                + "\"data\":{\"hash\":{\"value\":\"00\"}}}}"),
        Reason.MALFORMED_ENTRY,
        "data.hash.algorithm in body is required");
    assertInvalid(
        json(
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{},"
                + "\"data\":{\"hash\":{\"algorithm\":\"sha256\"}}}}"),
        Reason.MALFORMED_ENTRY,
        "data.hash.value in body is required");
    assertInvalid(
        json(
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":"
                + "{\"content\":\""
                + SIGNATURE
                + "\"},\"data\":{\"hash\":{\"algorithm\":\"sha256\","
                + "\"value\":\""
                + HEX
                + "\"}}}}"),
        Reason.MALFORMED_ENTRY,
        "missing public key");
  }

  @Test
  void rejectsCompressedEcPoint() {
    byte[] spki = TestSigners.keyPair(KeyKind.P256).getPublic().getEncoded();
    // SPKI of P-256 is 91 bytes: 26-byte header, then 04 ‖ X ‖ Y. Compress it: 02/03 ‖ X.
    byte[] compressed = new byte[26 + 33];
    System.arraycopy(spki, 0, compressed, 0, 26);
    compressed[1] = (byte) (compressed.length - 2);
    compressed[24] = 0x22; // BIT STRING length
    compressed[26] = (byte) (2 + (spki[spki.length - 1] & 1));
    System.arraycopy(spki, 27, compressed, 27, 32);
    assertInvalid(
        proposed(SIGNATURE, b64(Pem.encode("PUBLIC KEY", compressed)), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: failed to unmarshal elliptic curve point");
  }

  @Test
  void acceptsUpperCaseHexAndKeepsItAsSentButIndexesItLowerCased() {
    String upper = HEX.toUpperCase(Locale.ROOT);
    CanonicalEntry entry = KINDS.canonicalize(proposed(SIGNATURE, KEY, "sha256", upper));
    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).contains(upper);
    assertThat(entry.searchKeys()).contains("sha256:" + HEX);
  }

  @Test
  void dropsFieldsRekorDoesNotStoreAndIgnoresMemberOrder() {
    CanonicalEntry plain = KINDS.canonicalize(proposed(SIGNATURE, KEY, "sha256", HEX));
    JsonNode extra =
        json(
            "{\"spec\":{\"data\":{\"content\":\"aGVsbG8=\",\"hash\":{\"value\":\""
                + HEX
                + "\",\"algorithm\":\"sha256\"}},\"extra\":1,\"signature\":{\"format\":\"x509\","
                + "\"publicKey\":{\"content\":\""
                + KEY
                + "\",\"url\":\"https://example.com/k\"},"
                + "\"content\":\""
                + SIGNATURE
                + "\"}},\"apiVersion\":\"0.0.1\","
                + "\"kind\":\"hashedrekord\"}");
    assertThat(KINDS.canonicalize(extra)).isEqualTo(plain);
  }

  @Test
  void reEncodesKeyPemInGoLayout() {
    String pem = new String(TestSigners.publicKeyPem(KeyKind.RSA2048), StandardCharsets.US_ASCII);
    String crlf = "\n\n  " + pem.replace("\n", "\r\n") + "\n\n";
    byte[] signature = TestSigners.sign(KeyKind.RSA2048, "sha256", ARTIFACT);
    CanonicalEntry viaCrlf =
        KINDS.canonicalize(
            proposed(b64(signature), b64(crlf.getBytes(StandardCharsets.US_ASCII)), "sha256", HEX));
    CanonicalEntry viaGo =
        KINDS.canonicalize(
            proposed(b64(signature), b64(pem.getBytes(StandardCharsets.US_ASCII)), "sha256", HEX));
    assertThat(viaCrlf.body()).isEqualTo(viaGo.body());
    assertThat(viaCrlf.searchKeys()).isEqualTo(viaGo.searchKeys());
  }

  @Test
  void rejectsKeyTypesRekorCannotVerify() throws Exception {
    java.security.KeyPairGenerator ec =
        java.security.KeyPairGenerator.getInstance("EC", TestSigners.BC);
    ec.initialize(new java.security.spec.ECGenParameterSpec("secp224r1"));
    byte[] p224 = Pem.encode("PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded());
    assertInvalid(
        proposed(SIGNATURE, b64(p224), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: unsupported elliptic curve");
    java.security.KeyPairGenerator dsa = java.security.KeyPairGenerator.getInstance("DSA");
    dsa.initialize(1024);
    byte[] dsaKey = Pem.encode("PUBLIC KEY", dsa.generateKeyPair().getPublic().getEncoded());
    assertInvalid(
        proposed(SIGNATURE, b64(dsaKey), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "verifying signature: unsupported public key type");
  }

  @Test
  void rejectsRsaExponentGoCannotHold() throws Exception {
    java.security.interfaces.RSAPublicKey rsa =
        (java.security.interfaces.RSAPublicKey) TestSigners.keyPair(KeyKind.RSA2048).getPublic();
    byte[] spki =
        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption,
                    org.bouncycastle.asn1.DERNull.INSTANCE),
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(
                    rsa.getModulus(),
                    java.math.BigInteger.ONE.shiftLeft(40).add(java.math.BigInteger.ONE)))
            .getEncoded();
    assertInvalid(
        proposed(SIGNATURE, b64(Pem.encode("PUBLIC KEY", spki)), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: RSA public exponent is too large");
  }

  @Test
  void rejectsKeyBitStringWithUnusedBits() {
    byte[] spki = TestSigners.keyPair(KeyKind.P256).getPublic().getEncoded();
    spki[25] = 0x01; // the BIT STRING's unused-bits octet
    assertInvalid(
        proposed(SIGNATURE, b64(Pem.encode("PUBLIC KEY", spki)), "sha256", HEX),
        Reason.INVALID_PUBLIC_KEY,
        "x509: failed to parse public key");
  }
}
