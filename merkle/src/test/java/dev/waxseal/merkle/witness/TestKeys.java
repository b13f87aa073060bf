package dev.waxseal.merkle.witness;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;

/** Seeded JDK Ed25519 witness keys and resource reading for the witness tests. */
final class TestKeys {
  private TestKeys() {}

  /** A witness key: its name, raw public key and a signer with the cosignature key id. */
  record Witness(String name, byte[] publicKey, NoteSigner signer) {
    CosignatureVerifier verifier() {
      return CosignatureVerifier.of(name, publicKey);
    }

    String hexKey() {
      return java.util.HexFormat.of().formatHex(publicKey);
    }
  }

  /** An Ed25519 witness named {@code name} from a seeded generator, so failures reproduce. */
  static Witness witness(String name, long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(255, random);
      KeyPair pair = generator.generateKeyPair();
      byte[] spki = pair.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      int keyId = NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, raw);
      return new Witness(name, raw, new JdkSigner(name, keyId, pair.getPrivate()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  record JdkSigner(String keyName, int keyId, PrivateKey key) implements NoteSigner {
    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    }
  }

  /** A test resource as UTF-8 text; a missing resource fails the test. */
  static String resource(String path) {
    try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
