package dev.waxseal.server.entries.jar;

import static dev.waxseal.server.entries.jar.JarKind.malformed;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.CmsSignerVerifiers;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * JAR signature verification as relic's {@code signjar.Verify(zip, false)}: every {@code
 * META-INF/<NAME>.SF} needs a {@code <NAME>.RSA/.DSA/.EC} (or {@code SIG-*}) PKCS #7 block whose
 * signers verify over it with the certificates it carries (no trust chain); the {@code .SF} must
 * match the manifest (whole-file digest, or else the main-attributes and per-section digests); and
 * every file the manifest names must be in the archive with the digests it lists. Files the
 * manifest does not name are not checked, as in relic.
 */
final class JarSignatures {

  private JarSignatures() {}

  /** The files of {@code META-INF/} relic reads: direct children with an extension, by name. */
  // Internal and short-lived: never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record MetaInf(byte[] manifest, Map<String, byte[]> signatureFiles, Map<String, byte[]> blocks) {}

  /**
   * Verifies the archive's signatures and returns how many there are.
   *
   * @throws InvalidEntryException if the archive is unsigned or any check fails
   */
  static int verify(ZipArchive archive, MetaInf metaInf) {
    if (metaInf.signatureFiles().isEmpty()) {
      throw malformed("JAR is not signed: no META-INF/*.SF signature file");
    }
    for (Map.Entry<String, byte[]> signatureFile : metaInf.signatureFiles().entrySet()) {
      String base = signatureFile.getKey();
      byte[] block = metaInf.blocks().get(base);
      if (block == null) {
        throw malformed("JAR contains sigfile META-INF/" + base + ".SF with no matching signature");
      }
      verifyBlock(block, signatureFile.getValue());
      verifySignatureFile(signatureFile.getValue(), metaInf.manifest());
    }
    verifyManifest(archive, metaInf.manifest());
    return metaInf.signatureFiles().size();
  }

  /** Collects what relic reads from {@code META-INF/}, upper-casing names as it does. */
  static MetaInf collect(ZipArchive archive) {
    byte[] manifest = null;
    Map<String, byte[]> signatureFiles = new TreeMap<>();
    Map<String, byte[]> blocks = new TreeMap<>();
    for (ZipArchive.Entry entry : archive.entries()) {
      String name = JarKind.metaInfName(entry.name());
      if (name == null) {
        continue;
      }
      int dot = name.lastIndexOf('.');
      String base = name.substring(0, dot);
      String extension = name.substring(dot);
      if (name.equals("MANIFEST.MF")) {
        manifest = archive.content(entry);
      } else if (extension.equals(".SF")) {
        signatureFiles.put(base, archive.content(entry));
      } else if (isBlock(name)) {
        blocks.put(base, archive.content(entry));
      }
    }
    if (manifest == null) {
      throw malformed("JAR contains no META-INF/MANIFEST.MF");
    }
    return new MetaInf(manifest, signatureFiles, blocks);
  }

  /** Whether an upper-cased {@code META-INF/} name is a signature block file. */
  static boolean isBlock(String name) {
    return name.endsWith(".RSA")
        || name.endsWith(".DSA")
        || name.endsWith(".EC")
        || name.startsWith("SIG-");
  }

  private static void verifyBlock(byte[] block, byte[] signatureFile) {
    CMSSignedData signed;
    Collection<SignerInformation> signers;
    try {
      ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(block));
      if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
        throw malformed("pkcs7: the signature block is not SignedData");
      }
      signed = new CMSSignedData(new CMSProcessableByteArray(signatureFile), info);
      signers = signed.getSignerInfos().getSigners();
      // Bouncy Castle reads the certificates only when asked, and throws IllegalArgumentException
      // for a malformed one: read them here, where that is this refusal rather than a 500.
      signed.getCertificates();
    } catch (IOException | org.bouncycastle.cms.CMSException | RuntimeException e) {
      if (e instanceof InvalidEntryException invalid) {
        throw invalid;
      }
      throw malformed("pkcs7: the signature block is not a PKCS #7 SignedData");
    }
    if (signers.isEmpty()) {
      throw badSignature("the signature block has no signer");
    }
    Optional<CmsSignerVerifiers.Failure> failure = CmsSignerVerifiers.firstFailure(signed);
    if (failure.isPresent()) {
      throw badSignature(
          failure.get() == CmsSignerVerifiers.Failure.CERTIFICATE_MISSING
              ? "the signer's certificate is not in the signature block"
              : "the signature block does not verify over its signature file");
    }
  }

  private static void verifySignatureFile(byte[] signatureFile, byte[] manifest) {
    Manifests.Parsed sf = Manifests.parse(signatureFile);
    if (Manifests.checkDigests(sf.main(), manifest, "-Manifest", "manifest signature: ")) {
      return; // the whole-manifest digest matched: relic skips the sections
    }
    Manifests.Split split = Manifests.split(manifest);
    if (split.malformed()) {
      throw malformed("manifest has incorrect line ending sequence");
    }
    Map<String, byte[]> sections = new TreeMap<>();
    for (int i = 0; i < split.sections().size(); i++) {
      byte[] section = split.sections().get(i);
      if (i == 0) {
        Manifests.checkDigests(
            sf.main(),
            section,
            "-Manifest-Main-Attributes",
            "manifest main attributes signature: ");
        continue;
      }
      String name = Manifests.section(section).getOrDefault("Name", "");
      if (name.isEmpty()) {
        throw malformed("manifest has section with no \"Name\" attribute");
      }
      sections.put(name, section);
    }
    for (Map.Entry<String, Map<String, String>> file : sf.files().entrySet()) {
      byte[] section = sections.get(file.getKey());
      if (section == null) {
        throw malformed("manifest is missing signed section \"" + file.getKey() + "\"");
      }
      String context = "manifest signature over section \"" + file.getKey() + "\": ";
      if (!Manifests.checkDigests(file.getValue(), section, "", context)) {
        throw malformed(context + "no recognized digests found");
      }
    }
  }

  private static void verifyManifest(ZipArchive archive, byte[] manifest) {
    Manifests.Parsed parsed = Manifests.parse(manifest);
    Map<String, ZipArchive.Entry> byName = new TreeMap<>();
    for (ZipArchive.Entry entry : archive.entries()) {
      byName.put(entry.name(), entry);
    }
    for (Map.Entry<String, Map<String, String>> file : parsed.files().entrySet()) {
      if (!file.getValue().getOrDefault("Magic", "").isEmpty()) {
        continue;
      }
      ZipArchive.Entry entry = byName.get(file.getKey());
      if (entry == null) {
        throw malformed("file " + file.getKey() + " is in manifest but not JAR");
      }
      String context = "file \"" + file.getKey() + "\" in MANIFEST.MF: ";
      if (!Manifests.checkDigests(file.getValue(), archive.content(entry), "", context)) {
        throw malformed(context + "no recognized digests found");
      }
    }
  }

  /**
   * Rekor's stored form of a signature block ({@code pkcs7.NewSignature(...).CanonicalValue()}):
   * the SignedData with any encapsulated content removed, in a {@code PKCS7} PEM block. A block
   * already detached, as JAR signature blocks are, keeps its bytes.
   */
  static byte[] detachedSignedData(byte[] block) {
    try {
      ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(block));
      SignedData data = SignedData.getInstance(info.getContent());
      ContentInfo encapsulated = data.getEncapContentInfo();
      SignedData detached =
          new SignedData(
              data.getDigestAlgorithms(),
              new ContentInfo(encapsulated.getContentType(), null),
              data.getCertificates(),
              data.getCRLs(),
              data.getSignerInfos());
      // DL keeps the elements of every SET in the order they came, as Go's raw values do.
      return new ContentInfo(info.getContentType(), detached).getEncoded(ASN1Encoding.DL);
    } catch (IOException | RuntimeException e) {
      throw malformed("pkcs7: the signature block is not a PKCS #7 SignedData");
    }
  }

  /** The DER of the first certificate of the block: Rekor's {@code pkcs7.PublicKey}. */
  static byte[] firstCertificate(byte[] block) {
    try {
      ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(block));
      ASN1Set certificates = SignedData.getInstance(info.getContent()).getCertificates();
      if (certificates == null || certificates.size() == 0) {
        throw new InvalidEntryException(
            Reason.INVALID_PUBLIC_KEY,
            "unable to extract public key from certificate inside PKCS7 bundle");
      }
      return Certificate.getInstance(certificates.getObjectAt(0)).getEncoded(ASN1Encoding.DL);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidEntryException(
          Reason.INVALID_PUBLIC_KEY, "x509: malformed certificate in the PKCS7 bundle");
    }
  }

  private static InvalidEntryException badSignature(String detail) {
    return new InvalidEntryException(Reason.INVALID_SIGNATURE, "pkcs7: " + detail);
  }
}
