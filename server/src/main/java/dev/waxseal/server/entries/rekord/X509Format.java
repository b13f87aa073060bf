package dev.waxseal.server.entries.rekord;

import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.util.List;

/**
 * {@code x509}: a raw signature (kept as given) over the whole artifact by a PEM public key,
 * certificate or certificate chain (leaf first), verified as sigstore's {@code LoadVerifier(key,
 * SHA256)}: ECDSA and RSA PKCS #1 v1.5 over SHA-256, Ed25519 pure. Rekor's {@code pkg/pki/x509},
 * whose {@code Signature.Verify} checks a chain before the signature.
 */
final class X509Format implements SignatureFormat {
  private final X509PublicKeyCache keys;

  X509Format(X509PublicKeyCache keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "x509";
  }

  @Override
  public byte[] canonicalKey(byte[] publicKey) {
    return keys.parse(publicKey).canonicalPem();
  }

  @Override
  public List<String> subjects(byte[] publicKey) {
    return keys.parse(publicKey).subjects();
  }

  @Override
  public Verified verify(byte[] publicKey, byte[] signature, byte[] data) {
    X509PublicKey key = keys.parse(publicKey);
    key.verifyChain();
    key.verifyMessage(data, signature);
    return new Verified(key.canonicalPem(), signature.clone(), key.subjects());
  }
}
