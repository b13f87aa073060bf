package dev.waxseal.server.entries.alpine;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pki.X509PublicKey;
import dev.waxseal.server.entries.pki.X509PublicKeyCache;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code alpine} 0.0.1, as Rekor v1's {@code pkg/types/alpine/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.package.content} (base64 of the {@code .apk}) and {@code
 * spec.publicKey.content} (base64 of a PEM public key or certificate, as {@code abuild} keys are),
 * optionally {@code spec.package.hash {algorithm: sha256, value}}, which must then equal the
 * package's SHA-256 as lower-case hex. The {@code .SIGN} signature is verified over the SHA-1 of
 * the control segment, the data segment against the {@code .PKGINFO} {@code datahash}; {@code
 * .SIGN} and {@code .PKGINFO} larger than {@code maxMetadataSize} are refused. The stored body
 * keeps the key in Rekor's canonical PEM, {@code package.hash} and {@code package.pkginfo}; the
 * package is never stored and nothing is fetched.
 *
 * <p>Search keys: the hex SHA-256 of the canonical key, the certificate's subjects, and {@code
 * sha256:<hash>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class AlpineKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "alpine";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  /** Rekor's default {@code --max_apk_metadata_size}: 1 MiB. */
  public static final int DEFAULT_MAX_METADATA_SIZE = 1 << 20;

  private final X509PublicKeyCache keys;
  private final int maxMetadataSize;

  /**
   * Creates the kind.
   *
   * @param keys the cache of parsed keys to use
   * @param maxMetadataSize the largest {@code .SIGN} and {@code .PKGINFO} accepted, in bytes
   */
  public AlpineKind(X509PublicKeyCache keys, int maxMetadataSize) {
    if (maxMetadataSize <= 0) {
      throw new IllegalArgumentException("maxMetadataSize " + maxMetadataSize + ", want > 0");
    }
    this.keys = keys;
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

  /** The stored key's hash and subjects and {@code package.hash}; no package needed. */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    X509PublicKey key = keys.parse(SpecFields.storedPublicKey(spec));
    return SpecFields.storedPackageKeys(spec, key.canonicalPem(), key.subjects());
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    SpecFields.KeyAndPackage sent = SpecFields.keyAndPackage(spec);
    byte[] keyBytes = sent.publicKey();
    byte[] apk = sent.content();
    String computed = sent.sha256();
    X509PublicKey key = keys.parse(keyBytes);
    Apk parsed = Apk.parse(apk, maxMetadataSize);
    byte[] canonicalKey = key.canonicalPem();
    Sha1Signatures.verify(canonicalKey, parsed.controlSha1(), parsed.signature());
    return SpecFields.packageEntry(
        KIND, API_VERSION, canonicalKey, key.subjects(), computed, "pkginfo", parsed.pkginfo());
  }
}
