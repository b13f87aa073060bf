package dev.waxseal.server.entries.pgp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** OpenPGP keys made with bcpg for the kinds' tests: an RSA signing key with a user ID. */
public final class PgpTestKeys {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final Date CREATED = new Date(1_760_000_000_000L);

  /** A public key ring and the key pair that signs with it. */
  public record Ring(PGPPublicKeyRing ring, PGPKeyPair signer) {
    /** The public key ring armored as gpg exports it. */
    public byte[] armoredPublicKey() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
        ring.encode(armor);
      }
      return out.toByteArray();
    }

    /** A signature of {@code type} over {@code data}, as binary packets. */
    public byte[] sign(int type, byte[] data) throws Exception {
      PGPSignatureGenerator generator = generator();
      generator.init(type, signer.getPrivateKey());
      generator.update(data);
      return generator.generate().getEncoded();
    }

    /**
     * A clear-signed message as {@code gpg --clearsign} (and Helm) writes it: the text dash-escaped
     * by bcpg's armor, a canonical-text signature over its lines without trailing blanks.
     */
    public byte[] clearSign(String text) throws Exception {
      PGPSignatureGenerator generator = generator();
      generator.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, signer.getPrivateKey());
      String[] lines = text.split("\n", -1);
      int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ArmoredOutputStream armor = new ArmoredOutputStream(out);
      armor.beginClearText(HashAlgorithmTags.SHA256);
      for (int i = 0; i < count; i++) {
        byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
        armor.write(line);
        armor.write('\n');
        if (i > 0) {
          generator.update(new byte[] {'\r', '\n'});
        }
        generator.update(lines[i].stripTrailing().getBytes(StandardCharsets.UTF_8));
      }
      armor.endClearText();
      try (BCPGOutputStream packets = new BCPGOutputStream(armor)) {
        generator.generate().encode(packets);
      }
      armor.close();
      return out.toByteArray();
    }

    private PGPSignatureGenerator generator() {
      return new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(
                  signer.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
              .setProvider(BC),
          signer.getPublicKey());
    }
  }

  private PgpTestKeys() {}

  /** A new RSA-2048 signing key with the user ID {@code userId}. */
  public static Ring rsa(String userId, long seed) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
    g.initialize(
        new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537)),
        new SecureRandom(BigInteger.valueOf(seed).toByteArray()));
    PGPKeyPair primary =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.RSA_GENERAL,
            g.generateKeyPair(),
            CREATED);
    PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
    flags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
    PGPKeyRingGenerator generator =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            primary,
            userId,
            new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
            flags.generate(),
            null,
            new JcaPGPContentSignerBuilder(
                    PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256)
                .setProvider(BC),
            null);
    return new Ring(generator.generatePublicKeyRing(), primary);
  }
}
