package dev.waxseal.server.entries.cose;

import dev.waxseal.server.entries.dsse.Signers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

/** COSE_Sign1 messages made in the test: a tiny CBOR writer and JCA signatures (Bouncy Castle). */
final class CoseMessages {
  private CoseMessages() {}

  /** {@code {1: alg, 3: contentType}} as a CBOR map (protected header content). */
  static byte[] protectedHeader(long alg, String contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 5, 2);
    integer(out, 1);
    integer(out, alg);
    integer(out, 3);
    text(out, contentType);
    return out.toByteArray();
  }

  /** A tagged COSE_Sign1 over {@code payload}, signed with {@code jcaAlgorithm}. */
  static byte[] sign1(
      KeyPair keys, String jcaAlgorithm, byte[] protectedHeader, byte[] payload, byte[] aad) {
    byte[] toBeSigned = Cbor.signature1(protectedHeader, aad, payload);
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(jcaAlgorithm, Signers.BC);
      signer.initSign(keys.getPrivate());
      signer.update(toBeSigned);
      signature = signer.sign();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return assemble(protectedHeader, payload, signature);
  }

  static byte[] assemble(byte[] protectedHeader, byte[] payload, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xd2); // tag 18
    head(out, 4, 4);
    bytes(out, protectedHeader);
    head(out, 5, 0);
    bytes(out, payload);
    bytes(out, signature);
    return out.toByteArray();
  }

  static void head(ByteArrayOutputStream out, int major, long n) {
    if (n < 24) {
      out.write((major << 5) | (int) n);
    } else if (n < 256) {
      out.write((major << 5) | 24);
      out.write((int) n);
    } else {
      out.write((major << 5) | 25);
      out.write((int) (n >> 8));
      out.write((int) n);
    }
  }

  static void integer(ByteArrayOutputStream out, long value) {
    if (value >= 0) {
      head(out, 0, value);
    } else {
      head(out, 1, -1 - value);
    }
  }

  static void text(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(out, 3, utf8.length);
    out.writeBytes(utf8);
  }

  static void bytes(ByteArrayOutputStream out, byte[] value) {
    head(out, 2, value.length);
    out.writeBytes(value);
  }
}
