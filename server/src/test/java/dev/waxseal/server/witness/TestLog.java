package dev.waxseal.server.witness;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.VerifierKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log for witness tests: an Ed25519 key (JDK), leaves named by their index, and a naive recursive
 * RFC 6962 tree (MTH and SUBPROOF of RFC 6962 §2.1) that is independent of the server's code.
 */
final class TestLog {
  final String origin;
  private final PrivateKey privateKey;
  private final byte[] publicKey;
  private final String leafPrefix;

  TestLog(String origin) {
    this(origin, origin);
  }

  /** A log whose leaves are {@code "<leafPrefix> <index>"}: two prefixes give two forks. */
  TestLog(String origin, String leafPrefix) {
    this(origin, leafPrefix, generate());
  }

  private TestLog(String origin, String leafPrefix, KeyPair pair) {
    this(origin, leafPrefix, pair.getPrivate(), raw(pair));
  }

  private TestLog(String origin, String leafPrefix, PrivateKey privateKey, byte[] publicKey) {
    this.origin = origin;
    this.leafPrefix = leafPrefix;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** The same origin and key, other leaves: a fork of this log that its own key signs. */
  TestLog fork(String otherLeafPrefix) {
    return new TestLog(origin, otherLeafPrefix, privateKey, publicKey);
  }

  private static byte[] raw(KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  VerifierKey vkey() {
    return VerifierKey.ed25519(origin, publicKey);
  }

  /** The log's signed checkpoint at {@code size}, as a note. */
  String checkpoint(long size) {
    return signed(new Checkpoint(origin, size, root(size), List.of()));
  }

  /** A checkpoint with an arbitrary root, signed by the log's key. */
  String signed(Checkpoint checkpoint) {
    try {
      return checkpoint.sign(List.of(signer())).format();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  NoteSigner signer() {
    int keyId = NoteKeys.ed25519KeyId(origin, publicKey);
    return new NoteSigner() {
      @Override
      public String keyName() {
        return origin;
      }

      @Override
      public int keyId() {
        return keyId;
      }

      @Override
      public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(privateKey);
        s.update(message);
        return s.sign();
      }
    };
  }

  /** An add-checkpoint body from {@code oldSize} to {@code size} with the right proof. */
  String request(long oldSize, long size) {
    return request(oldSize, proof(oldSize, size), checkpoint(size));
  }

  static String request(long oldSize, List<Hash> proof, String note) {
    StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> body.append(h.base64()).append('\n'));
    return body.append('\n').append(note).toString();
  }

  Hash root(long size) {
    return mth(0, size);
  }

  /** RFC 6962 §2.1.2 PROOF(m, D[n]); empty for m = 0 or m = n. */
  List<Hash> proof(long m, long n) {
    List<Hash> proof = new ArrayList<>();
    if (m > 0 && m < n) {
      subproof(m, 0, n, true, proof);
    }
    return proof;
  }

  private void subproof(long m, long start, long n, boolean complete, List<Hash> out) {
    if (m == n) {
      if (!complete) {
        out.add(mth(start, n));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, start, k, complete, out);
      out.add(mth(start + k, n - k));
    } else {
      subproof(m - k, start + k, n - k, false, out);
      out.add(mth(start, k));
    }
  }

  private Hash mth(long start, long n) {
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (n == 1) {
      return Rfc6962.leafHash(
          (leafPrefix + " " + start).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    long k = Long.highestOneBit(n - 1);
    return Rfc6962.nodeHash(mth(start, k), mth(start + k, n - k));
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
