package dev.waxseal.merkle.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Test-only {@link NoteSigner}s and {@link NoteVerifier}s on the JDK's own providers, standing in
 * for the server's Bouncy Castle implementations: ECDSA P-256 ({@code SHA256withECDSA}, DER
 * signatures, as Rekor v1) and Ed25519 (JDK 17 {@code Ed25519}).
 */
final class JdkNoteKeys {
  /** The DER SubjectPublicKeyInfo prefix of an Ed25519 key; the raw 32 bytes follow. */
  static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private JdkNoteKeys() {}

  /** A signer that signs with a JDK private key. */
  record JdkSigner(String keyName, int keyId, PrivateKey key, String algorithm)
      implements NoteSigner {
    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    }
  }

  /** A verifier that verifies with a JDK public key and throws on any failure. */
  record JdkVerifier(String keyName, int keyId, PublicKey key, String algorithm)
      implements NoteVerifier {
    @Override
    public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(message);
      if (!verifier.verify(signature)) {
        throw new SignatureException(algorithm + " signature does not verify");
      }
    }
  }

  /** A Rekor v1 style verifier: ECDSA key, key id = SHA-256(DER SPKI)[:4]. */
  static NoteVerifier ecdsaVerifier(String name, byte[] spkiDer) throws GeneralSecurityException {
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
    return new JdkVerifier(name, NoteKeys.spkiKeyId(spkiDer), key, "SHA256withECDSA");
  }

  /** An ECDSA verifier from a base64 DER SPKI, as in a trusted root's {@code rawBytes}. */
  static NoteVerifier ecdsaVerifier(String name, String spkiBase64)
      throws GeneralSecurityException {
    return ecdsaVerifier(name, Base64.getDecoder().decode(spkiBase64));
  }

  /** An Ed25519 verifier with the given key id (C2SP or Rekor v1 rule, chosen by the caller). */
  static NoteVerifier ed25519Verifier(String name, int keyId, byte[] rawKey)
      throws GeneralSecurityException {
    return new JdkVerifier(name, keyId, ed25519PublicKey(rawKey), "Ed25519");
  }

  /** An Ed25519 verifier for a C2SP vkey. */
  static NoteVerifier verifier(VerifierKey vkey) throws GeneralSecurityException {
    return ed25519Verifier(vkey.name(), vkey.keyId(), vkey.publicKey());
  }

  /** Builds a JDK Ed25519 public key from its raw 32 bytes. */
  static PublicKey ed25519PublicKey(byte[] rawKey) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + rawKey.length);
    System.arraycopy(rawKey, 0, spki, ED25519_SPKI_PREFIX.length, rawKey.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  /** The raw 32 bytes of a JDK Ed25519 public key (the tail of its SPKI). */
  static byte[] ed25519Raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - NoteKeys.ED25519_KEY_SIZE, spki.length);
  }

  /** A P-256 key pair from a seeded generator, so failures reproduce. */
  static KeyPair p256(long seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), seeded(seed));
    return generator.generateKeyPair();
  }

  /** An Ed25519 key pair from a seeded generator, so failures reproduce. */
  static KeyPair ed25519(long seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(255, seeded(seed));
    return generator.generateKeyPair();
  }

  private static SecureRandom seeded(long seed) throws GeneralSecurityException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }
}
