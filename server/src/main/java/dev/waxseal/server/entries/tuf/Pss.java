package dev.waxseal.server.entries.tuf;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * RSASSA-PSS verification with SHA-256 and MGF1-SHA-256 that recovers the salt length from the
 * encoding (RFC 8017 §9.1.2), as Go's {@code rsa.VerifyPSS} does with {@code PSSSaltLengthAuto}:
 * go-tuf verifies TUF RSA keys that way. Bouncy Castle's {@code PSSSigner} needs the length.
 */
final class Pss {
  private static final int H_LEN = 32;

  private Pss() {}

  static boolean verifyAnySaltLength(RSAKeyParameters key, byte[] mHash, byte[] signature) {
    int modBits = key.getModulus().bitLength();
    int emBits = modBits - 1;
    int emLen = (emBits + 7) / 8;
    if (signature.length != (modBits + 7) / 8) {
      return false;
    }
    BigInteger s = new BigInteger(1, signature);
    if (s.compareTo(key.getModulus()) >= 0) {
      return false;
    }
    RSAEngine engine = new RSAEngine();
    engine.init(false, key);
    byte[] m = engine.processBlock(signature, 0, signature.length);
    byte[] em = new byte[emLen];
    if (m.length > emLen) {
      return false;
    }
    System.arraycopy(m, 0, em, emLen - m.length, m.length);
    if (emLen < H_LEN + 2 || (em[emLen - 1] & 0xff) != 0xbc) {
      return false;
    }
    int dbLen = emLen - H_LEN - 1;
    byte[] maskedDb = Arrays.copyOfRange(em, 0, dbLen);
    byte[] h = Arrays.copyOfRange(em, dbLen, dbLen + H_LEN);
    int unused = 8 * emLen - emBits;
    if ((maskedDb[0] & 0xff) >>> (8 - unused) != 0 && unused > 0) {
      return false;
    }
    byte[] db = mgf1(h, dbLen);
    for (int i = 0; i < dbLen; i++) {
      db[i] ^= maskedDb[i];
    }
    db[0] &= (byte) (0xff >>> unused);
    int i = 0;
    while (i < dbLen && db[i] == 0) {
      i++;
    }
    if (i == dbLen || db[i] != 1) {
      return false;
    }
    byte[] salt = Arrays.copyOfRange(db, i + 1, dbLen);
    SHA256Digest digest = new SHA256Digest();
    digest.update(new byte[8], 0, 8);
    digest.update(mHash, 0, mHash.length);
    digest.update(salt, 0, salt.length);
    byte[] expected = new byte[H_LEN];
    digest.doFinal(expected, 0);
    return MessageDigest.isEqual(expected, h);
  }

  private static byte[] mgf1(byte[] seed, int length) {
    byte[] out = new byte[length];
    byte[] block = new byte[H_LEN];
    SHA256Digest digest = new SHA256Digest();
    for (int counter = 0, offset = 0; offset < length; counter++, offset += H_LEN) {
      digest.update(seed, 0, seed.length);
      digest.update((byte) (counter >>> 24));
      digest.update((byte) (counter >>> 16));
      digest.update((byte) (counter >>> 8));
      digest.update((byte) counter);
      digest.doFinal(block, 0);
      System.arraycopy(block, 0, out, offset, Math.min(H_LEN, length - offset));
    }
    return out;
  }
}
