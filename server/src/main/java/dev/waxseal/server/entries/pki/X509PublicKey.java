package dev.waxseal.server.entries.pki;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.jspecify.annotations.Nullable;

/**
 * A public key as Rekor's {@code pkg/pki/x509.PublicKey} holds it: from a PEM {@code PUBLIC KEY}
 * (PKIX) or a PEM {@code CERTIFICATE}, with Rekor's canonical PEM, the certificate's subjects and
 * signature verification over a digest.
 *
 * <p>Immutable and thread-safe; build through {@link #parse} or an {@link X509PublicKeyCache}.
 */
public final class X509PublicKey {
  private static final String VERIFYING = "verifying signature: ";

  private final KeyType type;
  private final int rsaBits;
  private final AsymmetricKeyParameter key;
  private final byte[] canonicalPem;
  private final List<String> subjects;
  private final boolean certificate;
  private final @Nullable CertificateChain chain;

  private X509PublicKey(
      SubjectPublicKeys.Parsed parsed,
      byte[] canonicalPem,
      List<String> subjects,
      boolean certificate,
      @Nullable CertificateChain chain) {
    this.type = parsed.type();
    this.rsaBits = parsed.rsaBits();
    this.key = parsed.key();
    this.canonicalPem = canonicalPem;
    this.subjects = subjects;
    this.certificate = certificate;
    this.chain = chain;
  }

  /**
   * Parses what a client sends as {@code publicKey.content} (after base64): one PEM block of type
   * {@code PUBLIC KEY} (RSA, ECDSA P-256/P-384/P-521 or Ed25519) or {@code CERTIFICATE}, or a
   * certificate chain: several blocks, leaf first, at most {@value
   * CertificateChain#MAX_CERTIFICATES} (Rekor's {@code x509.NewPublicKey}). A chain's key is its
   * leaf's, and so are its subjects; its canonical form is every certificate re-encoded; it is
   * checked only by {@link #verifyChain}.
   *
   * @throws InvalidEntryException (INVALID_PUBLIC_KEY) with Rekor's message where it has one
   */
  public static X509PublicKey parse(byte[] pem) {
    Pem.Block block =
        Pem.decodeFirst(pem).orElseThrow(() -> invalid("invalid public key: failure decoding PEM"));
    if (block.hasRest()) {
      return fromChain(CertificateChain.parse(pem));
    }
    return switch (block.type()) {
      case "PUBLIC KEY" -> {
        SubjectPublicKeys.Parsed parsed = SubjectPublicKeys.parse(block.der(), false);
        byte[] canonical = Pem.encode("PUBLIC KEY", SubjectPublicKeys.canonicalDer(parsed));
        yield new X509PublicKey(parsed, canonical, List.of(), false, null);
      }
      case "CERTIFICATE" -> {
        byte[] der = block.der();
        Certificate cert = SubjectPublicKeys.parseCertificate(der);
        // Rekor re-encodes the parsed certificate's raw DER: the bytes as given, in Go's PEM form.
        yield new X509PublicKey(
            keyOf(cert), Pem.encode("CERTIFICATE", der), subjectsOf(cert), true, null);
      }
      default -> throw invalid("invalid public key: cannot handle type " + block.type());
    };
  }

  /**
   * A chain's key: Rekor verifies signatures with, and indexes the subjects of, the first
   * certificate only.
   */
  private static X509PublicKey fromChain(CertificateChain chain) {
    Certificate leaf = chain.leaf();
    return new X509PublicKey(keyOf(leaf), chain.canonicalPem(), subjectsOf(leaf), true, chain);
  }

  private static SubjectPublicKeys.Parsed keyOf(Certificate cert) {
    return SubjectPublicKeys.parse(SubjectPublicKeys.encoded(cert.getSubjectPublicKeyInfo()), true);
  }

  private static List<String> subjectsOf(Certificate cert) {
    try {
      return SubjectAlternativeNames.of(cert);
    } catch (RuntimeException e) {
      throw invalid("x509: malformed subject alternative name extension");
    }
  }

  static InvalidEntryException invalid(String detail) {
    return new InvalidEntryException(Reason.INVALID_PUBLIC_KEY, detail);
  }

  /**
   * Rekor's canonical form ({@code CanonicalValue()}): a key re-marshalled as PKIX DER in a {@code
   * PUBLIC KEY} block, or the certificate's DER in a {@code CERTIFICATE} block, or for a chain
   * every certificate's DER in its own block, in the order given; Go PEM layout.
   */
  public byte[] canonicalPem() {
    return canonicalPem.clone();
  }

  /**
   * The certificate's subject alternative names (Rekor's {@code Subjects()}): a chain's leaf's;
   * empty for keys.
   */
  public List<String> subjects() {
    return subjects;
  }

  /** True if this came from a certificate or a certificate chain. */
  public boolean isCertificate() {
    return certificate;
  }

  /**
   * Whether {@code allowed} permits this key signing a digest made with {@code digest}, as
   * sigstore's {@code AlgorithmRegistryConfig.IsAlgorithmPermitted}.
   */
  public boolean isPermitted(Set<ClientSigningAlgorithm> allowed, DigestAlgorithm digest) {
    for (ClientSigningAlgorithm algorithm : allowed) {
      if (algorithm.permits(type, rsaBits, digest)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Verifies {@code signature} over the pre-computed {@code digest}, as Rekor's hashedrekord does
   * with sigstore's verifiers: ECDSA (ASN.1 DER signature) and RSA PKCS #1 v1.5 with any of
   * SHA-256/384/512; Ed25519 keys as Ed25519ph, which needs a SHA-512 digest.
   *
   * <p>This is Rekor's {@code x509.Signature.Verify}, so a certificate chain is checked first
   * ({@link #verifyChain}).
   *
   * @throws InvalidEntryException (INVALID_SIGNATURE) if the signature or the chain does not verify
   */
  public void verifyDigest(DigestAlgorithm algorithm, byte[] digest, byte[] signature) {
    if (signature.length == 0) {
      throw badSignature("X509 signature has not been initialized");
    }
    verifyChain();
    if (digest.length != algorithm.size()) {
      throw badSignature("unexpected length of digest for hash function specified");
    }
    switch (type) {
      case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
        if (!PrehashedSignatures.ecdsa((ECPublicKeyParameters) key, digest, signature)) {
          throw badSignature("invalid signature when validating ASN.1 encoded signature");
        }
      }
      case RSA -> {
        if (!PrehashedSignatures.rsaPkcs1v15(
            (RSAKeyParameters) key, algorithm, digest, signature)) {
          throw badSignature("crypto/rsa: verification error");
        }
      }
      case ED25519 -> {
        if (algorithm != DigestAlgorithm.SHA512) {
          throw badSignature(
              "unsupported hash algorithm: \"" + algorithm.displayName() + "\" not in [SHA-512]");
        }
        if (!PrehashedSignatures.ed25519ph((Ed25519PublicKeyParameters) key, digest, signature)) {
          throw badSignature("failed to verify signature: ed25519: invalid signature");
        }
      }
    }
  }

  /**
   * Checks a certificate chain as Rekor's {@code x509.Signature.Verify} does before verifying a
   * signature (hashedrekord, rekord): with Go's {@code crypto/x509} rules, the last certificate as
   * the only root and the leaf's notBefore as the time. Rekor's dsse, intoto, cose and alpine kinds
   * verify with the leaf's key alone and never call this. A key or a single certificate passes.
   *
   * @throws InvalidEntryException (INVALID_SIGNATURE) with Go's message if the chain does not
   *     verify
   */
  public void verifyChain() {
    if (chain != null) {
      chain
          .verificationFailure()
          .ifPresent(
              failure -> {
                throw badSignature(failure);
              });
    }
  }

  /**
   * Verifies {@code signature} over the whole {@code message}, as sigstore's {@code
   * signature.LoadVerifier(key, crypto.SHA256)} does for Rekor's dsse, intoto and rekord (x509)
   * kinds: ECDSA on any curve and RSA PKCS #1 v1.5 over the message's SHA-256 (never SHA-384 or
   * SHA-512, whatever the curve), Ed25519 pure over the message itself.
   *
   * @throws InvalidEntryException (INVALID_SIGNATURE) with sigstore's verifier message
   */
  public void verifyMessage(byte[] message, byte[] signature) {
    switch (type) {
      case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
        byte[] digest = Rfc6962.sha256(message);
        if (!PrehashedSignatures.ecdsa((ECPublicKeyParameters) key, digest, signature)) {
          throw badSignature("invalid signature when validating ASN.1 encoded signature");
        }
      }
      case RSA -> {
        byte[] digest = Rfc6962.sha256(message);
        if (!PrehashedSignatures.rsaPkcs1v15(
            (RSAKeyParameters) key, DigestAlgorithm.SHA256, digest, signature)) {
          throw badSignature("crypto/rsa: verification error");
        }
      }
      case ED25519 -> {
        if (!PrehashedSignatures.ed25519((Ed25519PublicKeyParameters) key, message, signature)) {
          throw badSignature("failed to verify signature");
        }
      }
    }
  }

  /**
   * The key in the SSH wire format ({@code ssh.NewPublicKey(key).Marshal()}, RFC 4253 §6.6, RFC
   * 5656 §3.1, RFC 8709 §4): what DSSE key ids are derived from.
   */
  public byte[] sshWireFormat() {
    return SshWireFormat.encode(type, key);
  }

  private static InvalidEntryException badSignature(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, VERIFYING + detail);
  }
}
