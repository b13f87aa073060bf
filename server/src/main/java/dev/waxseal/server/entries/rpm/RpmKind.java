package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code rpm} 0.0.1, as Rekor v1.5.4's {@code pkg/types/rpm/v0.0.1/entry.go}, which verifies with
 * {@code github.com/sassoftware/go-rpmutils} v0.4.0's {@code Verify}.
 *
 * <p>The client sends {@code spec.package.content} (base64 of the {@code .rpm}) and {@code
 * spec.publicKey.content} (base64 of an OpenPGP public key, armored or binary), optionally {@code
 * spec.package.hash {algorithm: sha256, value}}, which must then equal the package's SHA-256 as
 * lower-case hex. The package is accepted when its main header matches the signature header's
 * header digest, its payload matches its payload digest, it has at least one OpenPGP signature and
 * every one it has verifies with the key: header-only ones ({@code RPMSIGTAG_RSA}/{@code DSA}, all
 * that {@code rpmsign} writes since rpm 4.16) over the main header, header+payload ones ({@code
 * RPMSIGTAG_PGP}/{@code GPG}, written by older rpm or {@code rpmsign --rpmv3}) over main header and
 * payload (see {@link RpmPackage#verify}). The stored body keeps the key in Rekor's canonical
 * OpenPGP encoding, {@code package.hash} and {@code package.headers}: {@code Name}, {@code Epoch},
 * {@code Version}, {@code Release}, {@code Architecture} and {@code RPMSIGTAG_MD5} (1004) in hex
 * where the package has it. The package is never stored and nothing is fetched.
 *
 * <p>Search keys: the hex SHA-256 of the canonical key, the key's user-ID emails, and {@code
 * sha256:<hash>}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class RpmKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "rpm";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /** The stored key's hash and e-mail addresses and {@code package.hash}; no package needed. */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    PgpKeyRing ring = PgpKeyRing.parse(SpecFields.storedPublicKey(spec));
    return SpecFields.storedPackageKeys(spec, ring.canonicalArmored(), ring.emails());
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    SpecFields.KeyAndPackage sent = SpecFields.keyAndPackage(spec);
    PgpKeyRing ring = PgpKeyRing.parse(sent.publicKey());
    Map<String, String> headers;
    try {
      RpmPackage parsed = RpmPackage.read(sent.content());
      if (parsed.verify(ring) == 0) {
        throw new InvalidEntryException(
            Reason.INVALID_SIGNATURE, "no supported PGP signature found in RPM");
      }
      headers = parsed.headers();
    } catch (RpmFormatException e) {
      throw e.toInvalidEntry();
    }
    return SpecFields.packageEntry(
        KIND,
        API_VERSION,
        ring.canonicalArmored(),
        ring.emails(),
        sent.sha256(),
        "headers",
        headers);
  }
}
