package dev.waxseal.server.entries.pki;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Certificate;
import org.jspecify.annotations.Nullable;

/**
 * A PEM bundle of several certificates, leaf first, read as Rekor's {@code x509.NewPublicKey} reads
 * one (sigstore's {@code cryptoutils.UnmarshalCertificatesFromPEMLimited} with Rekor's limit of
 * {@value #MAX_CERTIFICATES}): every block is parsed as a certificate whatever its label.
 *
 * <p>Immutable, thread-safe. Whether the chain verifies is worked out on first use and kept: only
 * hashedrekord and rekord ask, and the parsed chain is cached with its key.
 */
final class CertificateChain {
  /** Rekor's limit, "to avoid parsing extremely long chains" ({@code pkg/pki/x509/x509.go}). */
  static final int MAX_CERTIFICATES = 10;

  /** cryptoutils' message when a bundle holds more than the limit. */
  static final String TOO_MANY = "too many certificates specified in PEM block";

  /** The outcome of verifying the chain: Go's error message, or none. */
  private record Verdict(@Nullable String failure) {}

  private final List<byte[]> ders;
  private final List<ChainCertificate> certificates;
  private volatile @Nullable Verdict verdict;

  private CertificateChain(List<byte[]> ders, List<ChainCertificate> certificates) {
    this.ders = List.copyOf(ders);
    this.certificates = List.copyOf(certificates);
  }

  /**
   * Reads every block of {@code pem} (trimmed of surrounding whitespace) as a certificate.
   *
   * @throws dev.waxseal.server.entries.InvalidEntryException (INVALID_PUBLIC_KEY) with cryptoutils'
   *     message if a block is not PEM, a certificate does not parse, or there are more than {@value
   *     #MAX_CERTIFICATES}
   */
  static CertificateChain parse(byte[] pem) {
    String remaining = Pem.trimmed(pem);
    List<byte[]> ders = new ArrayList<>();
    List<ChainCertificate> certificates = new ArrayList<>();
    while (!remaining.isEmpty()) {
      // The limit is checked before decoding the next block, so ten blocks and trailing junk is
      // "too many", as in cryptoutils.
      if (certificates.size() == MAX_CERTIFICATES) {
        throw X509PublicKey.invalid(TOO_MANY);
      }
      Pem.Next next =
          Pem.decodeNext(remaining)
              .orElseThrow(() -> X509PublicKey.invalid("error during PEM decoding"));
      byte[] der = next.block().der();
      Certificate certificate = SubjectPublicKeys.parseCertificate(der);
      try {
        certificates.add(new ChainCertificate(certificate));
      } catch (RuntimeException e) {
        // Go's x509.ParseCertificate refuses malformed extensions; Bouncy Castle throws here.
        throw X509PublicKey.invalid("x509: malformed extension");
      }
      ders.add(der);
      remaining = next.rest();
    }
    return new CertificateChain(ders, certificates);
  }

  /** The first certificate: the one whose key verifies signatures. */
  Certificate leaf() {
    return certificates.get(0).holder().toASN1Structure();
  }

  /**
   * Rekor's canonical form ({@code cryptoutils.MarshalCertificatesToPEM}): each certificate's DER
   * as given, in a {@code CERTIFICATE} block, one after the other in the order given.
   */
  byte[] canonicalPem() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] der : ders) {
      byte[] block = Pem.encode("CERTIFICATE", der);
      out.write(block, 0, block.length);
    }
    return out.toByteArray();
  }

  /**
   * Why the chain does not verify as Rekor's {@code verifyCertChain} checks it ({@link
   * CertificateChainVerifier}), in Go's words; empty if it verifies.
   */
  Optional<String> verificationFailure() {
    Verdict v = verdict;
    if (v == null) {
      // Two threads may both compute it; the result is the same, so the race is harmless.
      v = new Verdict(CertificateChainVerifier.firstFailure(certificates).orElse(null));
      verdict = v;
    }
    return Optional.ofNullable(v.failure());
  }
}
