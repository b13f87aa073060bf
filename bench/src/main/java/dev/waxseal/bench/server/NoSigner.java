package dev.waxseal.bench.server;

import dev.waxseal.server.signing.LogSigner;
import dev.waxseal.server.signing.SignatureAlgorithm;

/** A placeholder log key for fields set before {@code @Setup}; never signs. */
final class NoSigner implements LogSigner {
  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256_SHA256;
  }

  @Override
  public byte[] publicKeyDer() {
    return new byte[] {0x30, 0x00};
  }

  @Override
  public byte[] sign(byte[] message) {
    throw new UnsupportedOperationException("placeholder signer");
  }
}
