package dev.waxseal.server.entries.pki;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Certificate chains for tests: the OpenSSL-made chains of {@code /entries/x509-chains/{ec,rsa}/}
 * (root CA, intermediate CA, leaf with an email SAN; see {@code make-chains.sh}), signatures by
 * their leaf keys, and the real public-good Fulcio chain (leaf, sigstore-intermediate, sigstore
 * root) of the intoto 0.0.2 bundle {@code bundle-v0.1-set-only-provenance.json}, whose DSSE
 * signature its leaf made.
 */
public final class TestChains {
  /** The message the OpenSSL chains' tests sign. */
  public static final byte[] MESSAGE = "chain test\n".getBytes(StandardCharsets.US_ASCII);

  /** The email SAN of {@code ec/leaf.pem}. */
  public static final String EC_EMAIL = "chain-ec@waxseal.test";

  /** The email SAN of {@code rsa/leaf.pem}. */
  public static final String RSA_EMAIL = "chain-rsa@waxseal.test";

  /** The URI SAN of the public-good chain's leaf (a GitHub Actions workflow identity). */
  public static final String PUBLIC_GOOD_SUBJECT =
      "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main";

  private static final String BUNDLE = "/entries/rekor-v1/bundle-v0.1-set-only-provenance.json";

  private TestChains() {}

  /**
   * The named certificates of one OpenSSL chain, concatenated as given, e.g. {@code pem("ec",
   * "leaf", "intermediate", "root")}.
   */
  public static byte[] pem(String type, String... names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : names) {
      byte[] file = resource("/entries/x509-chains/" + type + "/" + name + ".pem");
      out.write(file, 0, file.length);
    }
    return out.toByteArray();
  }

  /** The full OpenSSL chain of {@code type}: leaf, intermediate, root. */
  public static byte[] fullChain(String type) {
    return pem(type, "leaf", "intermediate", "root");
  }

  /**
   * {@code type}'s leaf key's signature over {@code message}: SHA-256 ECDSA (DER) or RSA PKCS #1.
   */
  public static byte[] sign(String type, byte[] message) {
    try {
      Signature signer =
          Signature.getInstance(type.equals("ec") ? "SHA256withECDSA" : "SHA256withRSA");
      signer.initSign(leafKey(type));
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code type}'s leaf private key ({@code leaf.key}, PKCS #8). */
  public static PrivateKey leafKey(String type) {
    String pem =
        new String(
            resource("/entries/x509-chains/" + type + "/leaf.key"), StandardCharsets.US_ASCII);
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    try {
      return KeyFactory.getInstance(type.equals("ec") ? "EC" : "RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public-good bundle whose DSSE envelope the chain's leaf signed. */
  public static JsonNode publicGoodBundle() {
    return CanonicalJson.parse(resource(BUNDLE));
  }

  /** The public-good chain (leaf, sigstore-intermediate, sigstore root) as Go writes PEM. */
  public static byte[] publicGoodChain() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode c :
        publicGoodBundle()
            .get("verificationMaterial")
            .get("x509CertificateChain")
            .get("certificates")) {
      byte[] block =
          Pem.encode("CERTIFICATE", Base64.getDecoder().decode(c.get("rawBytes").stringValue()));
      out.write(block, 0, block.length);
    }
    return out.toByteArray();
  }

  /** The DSSE pre-authentication encoding the public-good leaf signed. */
  public static byte[] publicGoodPae() {
    JsonNode envelope = publicGoodBundle().get("dsseEnvelope");
    return DsseEnvelope.pae(
        envelope.get("payloadType").stringValue(),
        Base64.getDecoder().decode(envelope.get("payload").stringValue()));
  }

  /** The public-good leaf's ECDSA signature over {@link #publicGoodPae()}. */
  public static byte[] publicGoodSignature() {
    JsonNode envelope = publicGoodBundle().get("dsseEnvelope");
    return Base64.getDecoder().decode(envelope.get("signatures").get(0).get("sig").stringValue());
  }

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Rfc6962.sha256(bytes));
  }

  /** A copy of {@code bytes} with the last byte's low bit flipped. */
  public static byte[] tampered(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length - 1] ^= 1;
    return copy;
  }

  private static byte[] resource(String path) {
    try (InputStream in =
        Objects.requireNonNull(TestChains.class.getResourceAsStream(path), path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
