package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.pgp.PgpKeyRing;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * One OpenPGP signature from an RPM signature header, read and checked as go-rpmutils v0.4.0 does
 * with ProtonMail's go-crypto: the value must be exactly one version 4 signature packet naming its
 * issuer (key id or fingerprint); the key is the first of the ring (primary keys and subkeys, in
 * order) whose fingerprint matches, or whose key id matches when the signature has no fingerprint;
 * the signature's type, the key's flags and expiry are not looked at (go-crypto's {@code
 * VerifySignature}).
 *
 * <p>Immutable.
 */
final class RpmSignature {
  private static final int SIGNATURE_PACKET = 2;
  private static final int ISSUER_KEY_ID = 16;
  private static final int ISSUER_FINGERPRINT = 33;
  private static final BcPGPContentVerifierBuilderProvider VERIFIERS =
      new BcPGPContentVerifierBuilderProvider();

  private final PGPSignature signature;
  private final long keyId;
  private final byte @Nullable [] fingerprint;

  private RpmSignature(PGPSignature signature, long keyId, byte @Nullable [] fingerprint) {
    this.signature = signature;
    this.keyId = keyId;
    this.fingerprint = fingerprint;
  }

  /**
   * Reads a signature header value.
   *
   * @throws RpmFormatException in go-crypto's or go-rpmutils' wording
   */
  static RpmSignature parse(byte[] blob) {
    int[] bodyRange = packetBody(blob);
    int bodyStart = bodyRange[0];
    int bodyEnd = bodyRange[1];
    if (bodyEnd > blob.length || bodyStart >= bodyEnd) {
      throw new RpmFormatException("unexpected EOF");
    }
    if (packetTag(blob[0]) != SIGNATURE_PACKET) {
      throw new RpmFormatException("no supported PGP signature packet found");
    }
    int version = blob[bodyStart] & 0xff;
    if (version != 4) {
      throw new RpmFormatException(
          "openpgp: unsupported feature: signature packet version " + version);
    }
    PGPSignature sig = readPacket(Arrays.copyOf(blob, bodyEnd));
    if (sig == null) {
      // go-crypto's parse errors name the field; Bouncy Castle's do not, so one message for all.
      throw new RpmFormatException("openpgp: invalid data: malformed signature packet");
    }
    if (bodyEnd < blob.length) {
      throw new RpmFormatException("trailing garbage after PGP signature packet");
    }
    // go-crypto reads the hashed subpackets, then the unhashed ones; the last issuer wins.
    Long keyId = null;
    byte[] fingerprint = null;
    for (PGPSignatureSubpacketVector area :
        new PGPSignatureSubpacketVector[] {
          sig.getHashedSubPackets(), sig.getUnhashedSubPackets()
        }) {
      if (area == null) {
        continue;
      }
      for (SignatureSubpacket p : area.toArray()) {
        byte[] data = p.getData();
        if (p.getType() == ISSUER_KEY_ID) {
          if (data.length != 8) {
            throw new RpmFormatException("openpgp: invalid data: issuer subpacket with bad length");
          }
          keyId = u64(data, 0);
        } else if (p.getType() == ISSUER_FINGERPRINT) {
          if (data.length == 0) {
            throw new RpmFormatException(
                "openpgp: invalid data: empty issuer fingerprint subpacket");
          }
          int length = data.length - 1;
          boolean v5 = (data[0] & 0xff) >= 5;
          if (v5 ? length != 32 : length != 20) {
            throw new RpmFormatException("openpgp: invalid data: bad fingerprint length");
          }
          fingerprint = Arrays.copyOfRange(data, 1, data.length);
          keyId = u64(data, v5 ? 1 : 13);
        }
      }
    }
    if (keyId == null && fingerprint == null) {
      throw new RpmFormatException("no supported PGP signature packet found");
    }
    return new RpmSignature(sig, keyId == null ? 0 : keyId, fingerprint);
  }

  private static @Nullable PGPSignature readPacket(byte[] packet) {
    try {
      Object read = new BcPGPObjectFactory(packet).nextObject();
      if (read instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
    } catch (IOException | RuntimeException e) {
      // malformed: reported by the caller
    }
    return null;
  }

  /**
   * Verifies the signature over {@code signed} (main header, or main header and payload) with its
   * key in {@code ring}.
   *
   * @throws RpmFormatException ({@link RpmFormatException.Kind#DIGEST}) in go-rpmutils' or
   *     go-crypto's wording if the key is not in the ring or the signature does not verify
   */
  void verify(PgpKeyRing ring, byte[]... signed) {
    PGPPublicKey key = findKey(ring);
    int algorithm = key.getAlgorithm();
    if (algorithm == PublicKeyAlgorithmTags.RSA_ENCRYPT
        || algorithm == PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT
        || algorithm == PublicKeyAlgorithmTags.ECDH) {
      throw failure("openpgp: invalid argument: public key cannot generate signatures");
    }
    if (algorithm != signature.getKeyAlgorithm()) {
      throw failure("openpgp: invalid argument: public key and signature use different algorithms");
    }
    boolean valid;
    try {
      PGPContentVerifier verifier =
          VERIFIERS.get(signature.getKeyAlgorithm(), signature.getHashAlgorithm()).build(key);
      // The bytes as they are, whatever the signature type says: go-crypto hashes them unchanged.
      try (OutputStream out = verifier.getOutputStream()) {
        for (byte[] part : signed) {
          out.write(part);
        }
        out.write(signature.getSignatureTrailer());
      }
      valid = verifier.verify(signature.getSignature());
    } catch (PGPException | IOException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw failure("openpgp: invalid signature: " + failureName(algorithm));
    }
  }

  private PGPPublicKey findKey(PgpKeyRing ring) {
    for (PgpKeyRing.SigningKey k : ring.keys()) {
      PGPPublicKey key = k.key();
      boolean matches =
          fingerprint != null
              ? Arrays.equals(fingerprint, key.getFingerprint())
              : keyId == key.getKeyID();
      if (matches) {
        return key;
      }
    }
    if (keyId == 0 && fingerprint != null) {
      throw failure("key with fingerprint " + HexFormat.of().formatHex(fingerprint) + " not found");
    }
    throw failure(String.format("keyid %08x not found", keyId));
  }

  private static String failureName(int algorithm) {
    return switch (algorithm) {
      case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN ->
          "RSA verification failure";
      case PublicKeyAlgorithmTags.DSA -> "DSA verification failure";
      case PublicKeyAlgorithmTags.ECDSA -> "ECDSA verification failure";
      case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA verification failure";
      case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519 verification failure";
      case PublicKeyAlgorithmTags.Ed448 -> "ed448 verification failure";
      default -> "Unsupported public key algorithm used in signature";
    };
  }

  private static RpmFormatException failure(String message) {
    return new RpmFormatException(message, RpmFormatException.Kind.DIGEST);
  }

  /** The packet's tag from its first byte (old or new format). */
  private static int packetTag(byte first) {
    return (first & 0x40) == 0 ? (first & 0x3f) >> 2 : first & 0x3f;
  }

  /**
   * Where the first packet's body starts and ends (the end may lie past the blob), as go-crypto's
   * {@code readHeader} reads the packet header.
   */
  private static int[] packetBody(byte[] blob) {
    if (blob.length == 0) {
      throw new RpmFormatException("EOF");
    }
    int first = blob[0] & 0xff;
    if ((first & 0x80) == 0) {
      throw new RpmFormatException("openpgp: invalid data: tag byte does not have MSB set");
    }
    if ((first & 0x40) == 0) {
      int lengthType = first & 3;
      if (lengthType == 3) {
        // Indeterminate length: the packet runs to the end.
        return new int[] {1, blob.length};
      }
      int lengthBytes = 1 << lengthType;
      return new int[] {1 + lengthBytes, 1 + lengthBytes + (int) be(blob, 1, lengthBytes)};
    }
    int o1 = octet(blob, 1);
    if (o1 < 192) {
      return new int[] {2, 2 + o1};
    } else if (o1 < 224) {
      long length = ((o1 - 192L) << 8) + octet(blob, 2) + 192;
      return new int[] {3, 3 + (int) length};
    } else if (o1 < 255) {
      // go-crypto would follow partial body lengths; rpm never writes them for a signature.
      throw new RpmFormatException(
          "openpgp: unsupported feature: partial body length in an RPM signature");
    }
    return new int[] {6, (int) Math.min(Integer.MAX_VALUE, 6 + be(blob, 2, 4))};
  }

  private static long be(byte[] b, int at, int n) {
    if (at + n > b.length) {
      throw new RpmFormatException("unexpected EOF");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[at + i] & 0xffL);
    }
    return Math.min(v, Integer.MAX_VALUE - 8);
  }

  private static int octet(byte[] b, int at) {
    if (at >= b.length) {
      throw new RpmFormatException(at == 1 ? "EOF" : "unexpected EOF");
    }
    return b[at] & 0xff;
  }

  private static long u64(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xffL);
    }
    return v;
  }
}
