package dev.waxseal.server.entries.pki;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * A PEM bundle of several certificates, leaf first, read as Rekor's {@code x509.NewPublicKey} reads
 * one (sigstore's {@code cryptoutils.UnmarshalCertificatesFromPEMLimited} with Rekor's limit of
 * {@value #MAX_CERTIFICATES}): every block is parsed as a certificate whatever its label.
 *
 * <p>Immutable.
 */
final class CertificateChain {
  /** Rekor's limit, "to avoid parsing extremely long chains" ({@code pkg/pki/x509/x509.go}). */
  static final int MAX_CERTIFICATES = 10;

  /** cryptoutils' message when a bundle holds more than the limit. */
  static final String TOO_MANY = "too many certificates specified in PEM block";

  private final List<byte[]> ders;
  private final List<Certificate> certificates;

  private CertificateChain(List<byte[]> ders, List<Certificate> certificates) {
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
    List<Certificate> certificates = new ArrayList<>();
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
      certificates.add(SubjectPublicKeys.parseCertificate(der));
      ders.add(der);
      remaining = next.rest();
    }
    return new CertificateChain(ders, certificates);
  }

  /** The certificates, leaf first, in the order given. */
  List<Certificate> certificates() {
    return certificates;
  }

  /** The first certificate: the one whose key verifies signatures. */
  Certificate leaf() {
    return certificates.get(0);
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
}
