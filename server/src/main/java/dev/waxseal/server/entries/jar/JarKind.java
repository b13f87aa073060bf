package dev.waxseal.server.entries.jar;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pki.Pem;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jar} 0.0.1, as Rekor v1's {@code pkg/types/jar/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.archive.content} (the JAR, base64) and optionally {@code
 * spec.archive.hash} ({@code sha256}, lower-case hex), which must then match. Each {@code
 * META-INF/} file relic reads must declare at most {@code maxMetadataSize} uncompressed bytes
 * (Rekor's {@code --max_jar_metadata_size}, checked per file before reading; 0 means no limit). The
 * archive must carry exactly one verified signature ({@link JarSignatures}).
 *
 * <p>The body keeps {@code signature.content} (the first signature block in archive order,
 * detached, as a {@code PKCS7} PEM), {@code signature.publicKey.content} (its first certificate as
 * a {@code CERTIFICATE} PEM) and {@code archive.hash}; never the archive. Search keys as Rekor's
 * {@code IndexKeys()}: the hex SHA-256 of the stored {@code PKCS7} PEM (Rekor reads its "key" from
 * the signature), then {@code sha256:<archive hash>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class JarKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "jar";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  /** Rekor's default {@code --max_jar_metadata_size}: 1 MiB. */
  public static final long DEFAULT_MAX_METADATA_SIZE = 1024 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private final long maxMetadataSize;

  /**
   * Creates the kind.
   *
   * @param maxMetadataSize the largest uncompressed size of one {@code META-INF/} file, in bytes; 0
   *     for no limit
   */
  public JarKind(long maxMetadataSize) {
    if (maxMetadataSize < 0) {
      throw new IllegalArgumentException("maxMetadataSize " + maxMetadataSize + " < 0");
    }
    this.maxMetadataSize = maxMetadataSize;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /**
   * The hash of the stored signature PEM (Rekor indexes the PKCS#7 signature, not the certificate)
   * and {@code archive.hash}: both kept in the stored body.
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    JsonNode archive = spec.get("archive");
    String hash = archive == null || !archive.isObject() ? null : claimedHash(archive);
    JsonNode signature = spec.get("signature");
    byte[] signaturePem =
        signature == null || !signature.isObject()
            ? new byte[0]
            : SpecFields.content(signature, "signature content");
    if (hash == null || signaturePem.length == 0) {
      throw malformed("a stored jar spec has archive.hash and signature.content");
    }
    return List.of(HEX.formatHex(Rfc6962.sha256(signaturePem)), "sha256:" + hash);
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    JsonNode archiveNode = spec.get("archive");
    if (archiveNode == null || archiveNode.isNull()) {
      throw malformed("archive in body is required");
    }
    if (!archiveNode.isObject()) {
      throw malformed("archive in body must be of type object");
    }
    if (archiveNode.has("url")) {
      throw malformed("archive.url is not supported: archives cannot be fetched; send content");
    }
    String claimedHash = claimedHash(archiveNode);
    byte[] jar = content(archiveNode);
    String computed = HEX.formatHex(Rfc6962.sha256(jar));
    if (claimedHash != null && !claimedHash.equals(computed)) {
      throw malformed("SHA mismatch: " + computed + " != " + claimedHash);
    }
    ZipArchive archive = ZipArchive.read(jar);
    checkMetadataSizes(archive);
    JarSignatures.MetaInf metaInf = JarSignatures.collect(archive);
    if (JarSignatures.verify(archive, metaInf) > 1) {
      throw malformed("multiple signatures detected in JAR; unable to process");
    }
    String hash = claimedHash != null ? claimedHash : computed;
    return entry(firstBlock(archive), hash);
  }

  /**
   * The stored entry for a verified archive: its signature block (raw, as in the archive) and its
   * SHA-256 as lower-case hex.
   */
  static CanonicalEntry entry(byte[] block, String hash) {
    byte[] signaturePem = Pem.encode("PKCS7", JarSignatures.detachedSignedData(block));
    byte[] certificatePem = Pem.encode("CERTIFICATE", JarSignatures.firstCertificate(block));
    ObjectNode body = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    ObjectNode specNode = body.putObject("spec");
    specNode.putObject("archive").putObject("hash").put("algorithm", "sha256").put("value", hash);
    ObjectNode signature = specNode.putObject("signature");
    signature.put("content", Base64.getEncoder().encodeToString(signaturePem));
    signature
        .putObject("publicKey")
        .put("content", Base64.getEncoder().encodeToString(certificatePem));
    List<String> searchKeys =
        List.of(HEX.formatHex(Rfc6962.sha256(signaturePem)), "sha256:" + hash);
    return CanonicalEntry.of(KIND, API_VERSION, CanonicalJson.canonicalize(body), searchKeys);
  }

  private static @Nullable String claimedHash(JsonNode archive) {
    JsonNode hash = archive.get("hash");
    if (hash == null || hash.isNull()) {
      return null;
    }
    JsonNode algorithm = hash.get("algorithm");
    JsonNode value = hash.get("value");
    if (algorithm == null || !algorithm.isString()) {
      throw malformed("archive.hash.algorithm in body is required");
    }
    if (value == null || !value.isString()) {
      throw malformed("archive.hash.value in body is required");
    }
    if (!algorithm.stringValue().equals("sha256")) {
      throw malformed("archive.hash.algorithm in body should be one of [sha256]");
    }
    // govalidator.IsHash: exactly 64 lower-case hex digits.
    if (!value.stringValue().matches("[0-9a-f]{64}")) {
      throw malformed("invalid value for hash");
    }
    return value.stringValue();
  }

  private static byte[] content(JsonNode archive) {
    JsonNode content = archive.get("content");
    if (content == null || content.isNull()) {
      throw malformed("'content' must be specified for package");
    }
    if (!content.isString()) {
      throw malformed("archive.content in body must be of type string");
    }
    String text = content.stringValue().replace("\r", "").replace("\n", "");
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("archive.content in body must be of type byte: standard padded base64");
    }
    if (decoded.length == 0) {
      throw malformed("'content' must be specified for package");
    }
    return decoded;
  }

  private void checkMetadataSizes(ZipArchive archive) {
    if (maxMetadataSize == 0) {
      return;
    }
    for (ZipArchive.Entry entry : archive.entries()) {
      if (metaInfName(entry.name()) != null && entry.uncompressedSize() > maxMetadataSize) {
        throw malformed(
            "uncompressed jar metadata of size "
                + entry.uncompressedSize()
                + " exceeds max allowed size "
                + maxMetadataSize);
      }
    }
  }

  /** Rekor's {@code extractPKCS7SignatureFromJAR}: the first signature block in archive order. */
  private static byte[] firstBlock(ZipArchive archive) {
    for (ZipArchive.Entry entry : archive.entries()) {
      String name = metaInfName(entry.name());
      if (name != null && JarSignatures.isBlock(name)) {
        return archive.content(entry);
      }
    }
    throw malformed("unable to locate signature in JAR file");
  }

  /**
   * The upper-cased name of a direct child of {@code META-INF/} that has an extension, as relic and
   * Rekor select them ({@code path.Split(strings.ToUpper(name))}); null for other files.
   */
  static @Nullable String metaInfName(String zipName) {
    String upper = zipName.toUpperCase(Locale.ROOT);
    int slash = upper.lastIndexOf('/');
    if (slash < 0 || !upper.substring(0, slash + 1).equals("META-INF/")) {
      return null;
    }
    String name = upper.substring(slash + 1);
    return name.isEmpty() || name.indexOf('.') < 0 ? null : name;
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
