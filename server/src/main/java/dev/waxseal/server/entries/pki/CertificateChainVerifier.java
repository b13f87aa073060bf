package dev.waxseal.server.entries.pki;

import java.security.Provider;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Checks a certificate chain as Rekor's {@code verifyCertChain} ({@code pkg/pki/x509/x509.go}) does
 * with Go's {@code Certificate.Verify}: the last certificate is the only root, those between are
 * intermediates, any extended key usage is accepted, and the time of verification is the leaf's
 * notBefore, so a chain that has since expired still verifies.
 *
 * <p>Like Go, paths are built by matching issuer to subject names, so intermediates may come in any
 * order; the outcome and its message follow Go's {@code buildChains} (the last candidate's validity
 * error, else "certificate signed by unknown authority" with the first hint). Go's name constraint
 * and certificate policy checks are not made.
 *
 * <p>Stateless.
 */
final class CertificateChainVerifier {
  private static final Provider BC = new BouncyCastleProvider();

  /** Go's {@code maxChainSignatureChecks}. */
  private static final int MAX_SIGNATURE_CHECKS = 100;

  private static final String SIGNATURE_LIMIT =
      "x509: signature check attempts limit reached while verifying certificate chain";
  private static final String UNKNOWN_AUTHORITY = "x509: certificate signed by unknown authority";
  private static final String CANNOT_SIGN =
      "x509: invalid signature: parent certificate cannot sign this kind of certificate";
  private static final String UNIMPLEMENTED =
      "x509: cannot verify signature: algorithm unimplemented";

  /** Certificate signature algorithms Go verifies, with the key type each needs. */
  private static final Map<ASN1ObjectIdentifier, KeyFamily> SECURE =
      Map.of(
          PKCSObjectIdentifiers.sha256WithRSAEncryption, KeyFamily.RSA,
          PKCSObjectIdentifiers.sha384WithRSAEncryption, KeyFamily.RSA,
          PKCSObjectIdentifiers.sha512WithRSAEncryption, KeyFamily.RSA,
          PKCSObjectIdentifiers.id_RSASSA_PSS, KeyFamily.RSA,
          X9ObjectIdentifiers.ecdsa_with_SHA256, KeyFamily.ECDSA,
          X9ObjectIdentifiers.ecdsa_with_SHA384, KeyFamily.ECDSA,
          X9ObjectIdentifiers.ecdsa_with_SHA512, KeyFamily.ECDSA,
          EdECObjectIdentifiers.id_Ed25519, KeyFamily.ED25519);

  /** Algorithms Go refuses as insecure when checking certificate signatures, by Go's name. */
  private static final Map<ASN1ObjectIdentifier, String> INSECURE =
      Map.of(
          PKCSObjectIdentifiers.sha1WithRSAEncryption, "SHA1-RSA",
          X9ObjectIdentifiers.ecdsa_with_SHA1, "ECDSA-SHA1",
          PKCSObjectIdentifiers.md5WithRSAEncryption, "MD5-RSA");

  private enum KeyFamily {
    RSA("RSA", "*rsa.PublicKey", "crypto/rsa: verification error"),
    ECDSA("ECDSA", "*ecdsa.PublicKey", "x509: ECDSA verification failure"),
    ED25519("Ed25519", "ed25519.PublicKey", "x509: Ed25519 verification failure");

    private final String name;
    private final String goType;
    private final String failure;

    KeyFamily(String name, String goType, String failure) {
      this.name = name;
      this.goType = goType;
      this.failure = failure;
    }

    static Optional<KeyFamily> of(ASN1ObjectIdentifier keyAlgorithm) {
      if (keyAlgorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return Optional.of(RSA);
      }
      if (keyAlgorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return Optional.of(ECDSA);
      }
      if (keyAlgorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return Optional.of(ED25519);
      }
      return Optional.empty();
    }
  }

  private enum Role {
    LEAF,
    INTERMEDIATE,
    ROOT
  }

  private final List<ChainCertificate> roots;
  private final List<ChainCertificate> intermediates;
  private final Instant now;
  private int signatureChecks;

  private CertificateChainVerifier(List<ChainCertificate> chain) {
    this.roots = List.of(chain.get(chain.size() - 1));
    this.intermediates = chain.subList(1, chain.size() - 1);
    this.now = chain.get(0).notBefore();
  }

  /**
   * Verifies {@code certificates} (leaf first) as Rekor does.
   *
   * @return Go's error message if the chain does not verify; empty if it does or has one
   *     certificate
   */
  static Optional<String> firstFailure(List<ChainCertificate> chain) {
    if (chain.size() < 2) {
      return Optional.empty(); // Rekor: "No certificate chain to verify"
    }
    return Optional.ofNullable(new CertificateChainVerifier(chain).verify(chain.get(0)));
  }

  private @Nullable String verify(ChainCertificate leaf) {
    String invalid = isValid(leaf, Role.LEAF, List.of());
    if (invalid != null) {
      return invalid;
    }
    if (roots.stream().anyMatch(leaf::sameRaw)) {
      return null; // the leaf is itself the root
    }
    return new Search().build(List.of(leaf));
  }

  /** One run of Go's {@code buildChains}: its named result {@code err} and its hint. */
  private final class Search {
    private @Nullable String err;
    private @Nullable String hint;
    private @Nullable ChainCertificate hintCertificate;
    private int chains;

    /** Returns Go's error for the chains from {@code current}'s last certificate to the root. */
    @Nullable String build(List<ChainCertificate> current) {
      ChainCertificate child = current.get(current.size() - 1);
      candidates:
      for (Role role : List.of(Role.ROOT, Role.INTERMEDIATE)) {
        for (ChainCertificate parent :
            potentialParents(role == Role.ROOT ? roots : intermediates, child)) {
          consider(role, parent, current, child);
          if (SIGNATURE_LIMIT.equals(err)) {
            break candidates;
          }
        }
      }
      if (chains > 0) {
        err = null;
      }
      if (chains == 0 && err == null) {
        err = UNKNOWN_AUTHORITY + hintText();
      }
      return err;
    }

    private void consider(
        Role role,
        ChainCertificate parent,
        List<ChainCertificate> current,
        ChainCertificate child) {
      if (++signatureChecks > MAX_SIGNATURE_CHECKS) {
        err = SIGNATURE_LIMIT;
        return;
      }
      if (KeyFamily.of(keyAlgorithm(parent)).isEmpty() || parent.alreadyIn(current)) {
        return;
      }
      String signature = checkSignatureFrom(child, parent);
      if (signature != null) {
        hint(signature, parent);
        return;
      }
      err = isValid(parent, role, current);
      if (err != null) {
        hint(err, parent);
        return;
      }
      if (role == Role.ROOT) {
        chains++;
        return;
      }
      List<ChainCertificate> longer = new ArrayList<>(current);
      longer.add(parent);
      Search deeper = new Search();
      err = deeper.build(longer);
      chains += deeper.chains;
    }

    private void hint(String error, ChainCertificate certificate) {
      if (hint == null) {
        hint = error;
        hintCertificate = certificate;
      }
    }

    private String hintText() {
      if (hint == null || hintCertificate == null) {
        return "";
      }
      return " (possibly because of "
          + quoted(hint)
          + " while trying to verify candidate authority certificate "
          + quoted(hintCertificate.displayName())
          + ")";
    }
  }

  /** Go's {@code findPotentialParents}: by name, best key identifier matches first. */
  private static List<ChainCertificate> potentialParents(
      List<ChainCertificate> pool, ChainCertificate child) {
    List<ChainCertificate> matching = new ArrayList<>();
    List<ChainCertificate> oneKeyId = new ArrayList<>();
    List<ChainCertificate> mismatch = new ArrayList<>();
    for (ChainCertificate candidate : pool) {
      if (!candidate.subjectIsIssuerOf(child)) {
        continue;
      }
      if (candidate.subjectKeyIdMatches(child)) {
        matching.add(candidate);
      } else if (candidate.hasSubjectKeyId() != child.hasAuthorityKeyId()) {
        oneKeyId.add(candidate);
      } else {
        mismatch.add(candidate);
      }
    }
    matching.addAll(oneKeyId);
    matching.addAll(mismatch);
    return matching;
  }

  /** Go's {@code Certificate.isValid} without name constraints. */
  private @Nullable String isValid(ChainCertificate c, Role role, List<ChainCertificate> current) {
    if (c.unhandledCriticalExtension()) {
      return "x509: unhandled critical extension";
    }
    if (now.isBefore(c.notBefore())) {
      return expired("current time " + rfc3339(now) + " is before " + rfc3339(c.notBefore()));
    }
    if (now.isAfter(c.notAfter())) {
      return expired("current time " + rfc3339(now) + " is after " + rfc3339(c.notAfter()));
    }
    if (role == Role.INTERMEDIATE && (!c.basicConstraintsValid() || !c.isCa())) {
      return "x509: certificate is not authorized to sign other certificates";
    }
    if (c.basicConstraintsValid() && c.maxPathLen() >= 0 && current.size() - 1 > c.maxPathLen()) {
      return "x509: too many intermediates for path length constraint";
    }
    return null;
  }

  /** Go's {@code CheckSignatureFrom} with SHA-1 refused, as chain building does. */
  private static @Nullable String checkSignatureFrom(
      ChainCertificate child, ChainCertificate parent) {
    if ((parent.version() == 3 && !parent.basicConstraintsValid())
        || (parent.basicConstraintsValid() && !parent.isCa())) {
      return CANNOT_SIGN;
    }
    if (parent.keyUsagePresent() && !parent.certSign()) {
      return CANNOT_SIGN;
    }
    ASN1ObjectIdentifier algorithm = child.holder().getSignatureAlgorithm().getAlgorithm();
    String insecure = INSECURE.get(algorithm);
    if (insecure != null) {
      return "x509: cannot verify signature: insecure algorithm " + insecure;
    }
    KeyFamily wanted = SECURE.get(algorithm);
    if (wanted == null) {
      return UNIMPLEMENTED;
    }
    KeyFamily have = KeyFamily.of(keyAlgorithm(parent)).orElseThrow();
    if (wanted != have) {
      return "x509: signature algorithm specifies an "
          + wanted.name
          + " public key, but have public key of type "
          + have.goType;
    }
    try {
      ContentVerifierProvider verifier =
          new JcaContentVerifierProviderBuilder()
              .setProvider(BC)
              .build(parent.holder().getSubjectPublicKeyInfo());
      return child.holder().isSignatureValid(verifier) ? null : have.failure;
    } catch (OperatorCreationException | CertException | RuntimeException e) {
      return have.failure;
    }
  }

  private static ASN1ObjectIdentifier keyAlgorithm(ChainCertificate c) {
    return c.holder().getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
  }

  private static String expired(String detail) {
    return "x509: certificate has expired or is not yet valid: " + detail;
  }

  private static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Go's {@code %q} for the printable ASCII text of certificate names and error messages. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
