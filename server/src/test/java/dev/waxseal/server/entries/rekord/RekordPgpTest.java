package dev.waxseal.server.entries.rekord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.pgp.PgpPackets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** rekord 0.0.1 with OpenPGP keys and detached signatures made here with bcpg. */
public class RekordPgpTest {
  private static final Date CREATED = new Date(1_760_000_000_000L);
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});

  /** A key ring and the key pair that signs with it. */
  public record Ring(PGPPublicKeyRing ring, PGPKeyPair signer) {}

  static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, Signers.BC);
    g.initialize(spec, RANDOM);
    return g.generateKeyPair();
  }

  static Ring rsaRing() throws Exception {
    PGPKeyPair primary =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.RSA_GENERAL,
            generate("RSA", new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537))),
            CREATED);
    PGPKeyPair encryption =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.RSA_GENERAL,
            generate("RSA", new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537))),
            CREATED);
    PGPKeyRingGenerator generator = generator(primary, "Alice Example <alice@example.com>");
    PGPSignatureSubpacketGenerator subFlags = new PGPSignatureSubpacketGenerator();
    subFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
    generator.addSubKey(encryption, subFlags.generate(), null);
    return new Ring(generator.generatePublicKeyRing(), primary);
  }

  public static Ring ecdsaRing() throws Exception {
    PGPKeyPair primary =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.ECDSA,
            generate("EC", new ECGenParameterSpec("secp256r1")),
            CREATED);
    return new Ring(generator(primary, "Bob <bob@example.org>").generatePublicKeyRing(), primary);
  }

  public static PGPKeyRingGenerator generator(PGPKeyPair primary, String userId) throws Exception {
    PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
    flags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
    return new PGPKeyRingGenerator(
        PGPSignature.POSITIVE_CERTIFICATION,
        primary,
        userId,
        new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
        flags.generate(),
        null,
        new JcaPGPContentSignerBuilder(
                primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
            .setProvider(Signers.BC),
        null);
  }

  public static byte[] sign(Ring ring, int type, byte[] data) throws Exception {
    PGPSignatureGenerator generator =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(
                    ring.signer().getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                .setProvider(Signers.BC),
            ring.signer().getPublicKey());
    generator.init(type, ring.signer().getPrivateKey());
    generator.update(data);
    return generator.generate().getEncoded();
  }

  static byte[] bcArmor(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      armor.write(data);
    }
    return out.toByteArray();
  }

  static byte[] dearmor(byte[] armored) throws Exception {
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      return in.readAllBytes(); // checks the CRC-24
    }
  }

  static void assertGoArmor(byte[] armored, String type) {
    String text = new String(armored, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("-----BEGIN " + type + "-----\n\n");
    assertThat(text).endsWith("\n-----END " + type + "-----");
    String[] lines = text.split("\n");
    assertThat(lines[lines.length - 2]).startsWith("=").hasSize(5);
    for (int i = 2; i < lines.length - 2; i++) {
      assertThat(lines[i].length()).isLessThanOrEqualTo(64);
    }
  }

  /**
   * The canonical key holds every packet of the generated ring (which has only packets Go keeps),
   * bodies unchanged, each with a new-format header.
   */
  private static void assertSamePackets(byte[] canonical, byte[] generated) {
    List<PgpPackets.Packet> actual = PgpPackets.split(canonical);
    List<PgpPackets.Packet> expected = PgpPackets.split(generated);
    assertThat(actual).hasSameSizeAs(expected);
    int at = 0;
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).tag()).isEqualTo(expected.get(i).tag());
      assertThat(actual.get(i).body()).isEqualTo(expected.get(i).body());
      assertThat(canonical[at] & 0xc0).as("new-format header").isEqualTo(0xc0);
      at += actual.get(i).encoded().length;
    }
    assertThat(at).isEqualTo(canonical.length);
  }

  private static JsonNode stored(CanonicalEntry entry) {
    return CanonicalJson.parse(entry.body()).get("spec").get("signature");
  }

  private static byte[] storedKey(CanonicalEntry entry) {
    return Base64.getDecoder().decode(stored(entry).get("publicKey").get("content").stringValue());
  }

  private static byte[] storedSignature(CanonicalEntry entry) {
    return Base64.getDecoder().decode(stored(entry).get("content").stringValue());
  }

  private static List<String> fingerprints(PGPPublicKeyRing ring) {
    List<String> out = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
      out.add(Base64.getEncoder().encodeToString(it.next().getFingerprint()));
    }
    return out;
  }

  @Test
  void acceptsABinarySignatureByAnRsaKeyWithASubkey() throws Exception {
    Ring ring = rsaRing();
    byte[] signature = sign(ring, PGPSignature.BINARY_DOCUMENT, Rekords.ARTIFACT);

    CanonicalEntry entry = Rekords.canonicalize("pgp", signature, ring.ring().getEncoded());

    byte[] key = storedKey(entry);
    assertGoArmor(key, "PGP PUBLIC KEY BLOCK");
    byte[] binary = dearmor(key);
    assertThat(binary[0] & 0xff).as("new-format public key packet header").isEqualTo(0xc6);
    PGPPublicKeyRing canonical = new PGPPublicKeyRing(binary, new JcaKeyFingerprintCalculator());
    assertSamePackets(binary, ring.ring().getEncoded());
    assertThat(fingerprints(canonical)).hasSize(2).isEqualTo(fingerprints(ring.ring()));
    byte[] sig = storedSignature(entry);
    assertGoArmor(sig, "PGP SIGNATURE");
    assertThat(dearmor(sig)).isEqualTo(signature);
    assertThat(Rekords.text(entry)).isEqualTo(Rekords.body("pgp", sig, key, Rekords.ARTIFACT));
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(key),
            "alice@example.com",
            "sha256:" + Signers.sha256Hex(Rekords.ARTIFACT));
  }

  @Test
  void keepsAnArmoredSignatureAsSentAndReadsAnArmoredKey() throws Exception {
    Ring ring = ecdsaRing();
    byte[] armoredSignature =
        bcArmor(sign(ring, PGPSignature.CANONICAL_TEXT_DOCUMENT, Rekords.ARTIFACT));

    CanonicalEntry entry =
        Rekords.canonicalize("pgp", armoredSignature, bcArmor(ring.ring().getEncoded()));

    assertThat(storedSignature(entry)).isEqualTo(armoredSignature);
    assertSamePackets(dearmor(storedKey(entry)), ring.ring().getEncoded());
    assertThat(entry.searchKeys()).contains("bob@example.org");
  }

  private static void assertInvalid(byte[] signature, byte[] key, Reason reason, String message) {
    assertThatThrownBy(() -> Rekords.canonicalize("pgp", signature, key))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  @Test
  void rejectsTamperedSignaturesAndWrongKeys() throws Exception {
    Ring rsa = rsaRing();
    Ring ecdsa = ecdsaRing();
    byte[] signature =
        sign(rsa, PGPSignature.BINARY_DOCUMENT, "other".getBytes(StandardCharsets.UTF_8));
    assertInvalid(
        signature,
        rsa.ring().getEncoded(),
        Reason.INVALID_SIGNATURE,
        "openpgp: invalid signature: the signature does not verify");
    byte[] good = sign(rsa, PGPSignature.BINARY_DOCUMENT, Rekords.ARTIFACT);
    assertInvalid(
        good,
        ecdsa.ring().getEncoded(),
        Reason.INVALID_SIGNATURE,
        "openpgp: signature made by unknown entity: no signing key "
            + String.format("%016X", rsa.signer().getKeyID())
            + " in the public key sent");
    assertInvalid(
        "garbage".getBytes(StandardCharsets.US_ASCII),
        rsa.ring().getEncoded(),
        Reason.INVALID_SIGNATURE,
        "invalid PGP signature: cannot read an OpenPGP packet");
    assertInvalid(
        good,
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n"
            .getBytes(StandardCharsets.US_ASCII),
        Reason.INVALID_PUBLIC_KEY,
        "error reading PGP public key: not an OpenPGP packet header at byte 0");
  }

  @Test
  void rejectsEdDsaKeysWhichRekorCannotRead() throws Exception {
    PGPKeyPair ed =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.EDDSA_LEGACY,
            generate("Ed25519", new ECGenParameterSpec("Ed25519")),
            CREATED);
    PGPPublicKeyRing ring = generator(ed, "Eve <eve@example.net>").generatePublicKeyRing();
    byte[] signature = sign(new Ring(ring, ed), PGPSignature.BINARY_DOCUMENT, Rekords.ARTIFACT);
    assertInvalid(
        signature,
        ring.getEncoded(),
        Reason.INVALID_PUBLIC_KEY,
        "error reading PGP public key: openpgp: unsupported feature: public key type: 22 (Rekor"
            + " reads RSA, DSA and ECDSA OpenPGP keys, not EdDSA)");
  }
}
