package dev.waxseal.server.signing;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.Base64;

/** The log's public identity derived from its key: the logID and the PEM public key. */
public final class LogIdentity {
  private final byte[] publicKeyDer;
  private final Hash logId;

  /** Derives the identity of the key held by {@code signer}. */
  public LogIdentity(LogSigner signer) {
    this.publicKeyDer = signer.publicKeyDer();
    this.logId = Hash.of(Rfc6962.sha256(publicKeyDer));
  }

  /** SHA-256 of the DER SubjectPublicKeyInfo: Rekor's logID. */
  public Hash logId() {
    return logId;
  }

  /** The public key as PEM ({@code BEGIN PUBLIC KEY}), as Rekor's publicKey endpoint serves it. */
  public String publicKeyPem() {
    return pem(publicKeyDer);
  }

  /** A DER SubjectPublicKeyInfo as PEM ({@code BEGIN PUBLIC KEY}). */
  public static String pem(byte[] publicKeyDer) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer);
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** The DER SubjectPublicKeyInfo. */
  public byte[] publicKeyDer() {
    return publicKeyDer.clone();
  }
}
