package dev.waxseal.server.entries.rekorv2;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.pki.ClientSigningAlgorithm;
import dev.waxseal.server.entries.pki.DigestAlgorithm;
import dev.waxseal.server.entries.pki.Pem;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.rekorv2.CreateEntryRequest.Verifier;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The key of a v2 {@code Verifier}: a DER public key ({@code x509.ParsePKIXPublicKey}) or the key
 * of a DER certificate ({@code x509.ParseCertificate}; no chain, validity or identity checks, as
 * rekor-tiles makes none), with the checks rekor-tiles runs against its algorithm registry.
 */
final class VerifierKey {
  private final X509PublicKey key;
  private final boolean ed25519;

  private VerifierKey(X509PublicKey key, boolean ed25519) {
    this.key = key;
    this.ed25519 = ed25519;
  }

  /**
   * Parses the verifier's public key or certificate.
   *
   * @throws IllegalArgumentException with rekor-tiles' detail if neither is set or it does not
   *     parse
   */
  static VerifierKey parse(Verifier verifier) {
    byte[] publicKey = verifier.publicKey();
    byte[] certificate = verifier.certificate();
    try {
      if (publicKey != null) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey);
        X509PublicKey key = X509PublicKey.parse(Pem.encode("PUBLIC KEY", publicKey));
        return new VerifierKey(key, isEd25519(spki.getAlgorithm().getAlgorithm()));
      }
      if (certificate != null) {
        Certificate cert = Certificate.getInstance(certificate);
        X509PublicKey key = X509PublicKey.parse(Pem.encode("CERTIFICATE", certificate));
        ASN1ObjectIdentifier oid = cert.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
        return new VerifierKey(key, isEd25519(oid));
      }
    } catch (InvalidEntryException | IllegalArgumentException | IllegalStateException e) {
      // Bouncy Castle throws IllegalArgumentException/IllegalStateException on malformed DER.
      throw new IllegalArgumentException(
          (publicKey != null ? "parsing public key: " : "parsing certificate: ") + e.getMessage());
    }
    throw new IllegalArgumentException("must contain either a public key or X.509 certificate");
  }

  private static boolean isEd25519(ASN1ObjectIdentifier oid) {
    return oid.equals(EdECObjectIdentifiers.id_Ed25519);
  }

  /**
   * Whether the allow-list permits this key with {@code details}' hash, as rekor-tiles' {@code
   * CheckEntryAlgorithms}: the key's type and size and the details' hash must match an allowed
   * algorithm (pure Ed25519 matches {@code ed25519}).
   *
   * @throws IllegalArgumentException if sigstore's registry does not know {@code details}
   */
  boolean permitted(Set<ClientSigningAlgorithm> allowed, PublicKeyDetails details) {
    if (!details.known()) {
      throw new IllegalArgumentException(
          "getting key algorithm details: could not find algorithm details for known signature"
              + " algorithm: "
              + details.name());
    }
    DigestAlgorithm hash = details.hash();
    if (hash == null) {
      return ed25519 && allowed.contains(ClientSigningAlgorithm.ED25519);
    }
    return key.isPermitted(allowed, hash);
  }

  /**
   * Verifies a signature over a client-computed digest, as hashedrekord: ECDSA and RSA PKCS #1 v1.5
   * with {@code hash}, Ed25519 keys as Ed25519ph (only with SHA-512).
   *
   * @throws InvalidEntryException if the signature does not verify
   */
  void verifyDigest(DigestAlgorithm hash, byte[] digest, byte[] signature) {
    key.verifyDigest(hash, digest, signature);
  }

  /**
   * Verifies a signature over a whole message, as sigstore's {@code LoadVerifier(key, hash)} used
   * for DSSE: ECDSA and RSA PKCS #1 v1.5 over the message's {@code hash} digest, Ed25519 pure
   * whatever the hash.
   *
   * @param hash the details' hash; ignored for Ed25519, required otherwise
   * @throws InvalidEntryException if the signature does not verify
   */
  void verifyMessage(PublicKeyDetails details, byte[] message, byte[] signature) {
    if (ed25519) {
      key.verifyMessage(message, signature);
      return;
    }
    DigestAlgorithm hash = details.hash();
    if (hash == null) {
      throw new IllegalStateException("a permitted non-Ed25519 key has a hash");
    }
    key.verifyDigest(hash, digest(hash, message), signature);
  }

  static byte[] digest(DigestAlgorithm hash, byte[] message) {
    Digest digest =
        switch (hash) {
          case SHA256 -> new SHA256Digest();
          case SHA384 -> new SHA384Digest();
          case SHA512 -> new SHA512Digest();
        };
    digest.update(message, 0, message.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
