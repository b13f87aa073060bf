package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import dev.waxseal.server.entries.pgp.PgpSignatures;
import org.bouncycastle.openpgp.PGPSignature;
import tools.jackson.databind.JsonNode;

/**
 * {@code rpm} 0.0.1, as Rekor v1's {@code pkg/types/rpm/v0.0.1/entry.go} with {@code
 * github.com/cavaliercoder/go-rpm}.
 *
 * <p>The client sends {@code spec.package.content} (base64 of the {@code .rpm}) and {@code
 * spec.publicKey.content} (base64 of an OpenPGP public key, armored or binary), optionally {@code
 * spec.package.hash {algorithm: sha256, value}}, which must then equal the package's SHA-256 as
 * lower-case hex. The package's header+payload OpenPGP signature ({@code RPMSIGTAG_PGP}, {@code
 * RPMSIGTAG_PGP5} or {@code RPMSIGTAG_GPG}, go-rpm's {@code GPGCheck}) is verified with the key
 * over the main header and payload; as in Rekor, packages signed only with header-only signatures
 * ({@code RPMSIGTAG_RSA}/{@code DSA}, the default of rpm 4.16 and later) are refused. The stored
 * body keeps the key in Rekor's canonical OpenPGP encoding, {@code package.hash} and {@code
 * package.headers}: {@code Name}, {@code Epoch}, {@code Version}, {@code Release}, {@code
 * Architecture} of the main header and, where the signature header has them as binary values,
 * {@code RPMSIGTAG_MD5} (1004), {@code RPMSIGTAG_SHA1} (1012) and {@code RPMSIGTAG_SHA256} (1016)
 * in hex. The package is never stored and nothing is fetched.
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

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    SpecFields.KeyAndPackage sent = SpecFields.keyAndPackage(spec);
    byte[] keyBytes = sent.publicKey();
    byte[] rpm = sent.content();
    String computed = sent.sha256();
    PgpKeyRing ring = PgpKeyRing.parse(keyBytes);
    RpmPackage parsed = RpmPackage.parse(rpm);
    PGPSignature signature = PgpSignatures.read(parsed.signature());
    PgpSignatures.verify(signature, ring, parsed.signed(rpm));
    byte[] canonicalKey = ring.canonicalArmored();
    return SpecFields.packageEntry(
        KIND, API_VERSION, canonicalKey, ring.emails(), computed, "headers", parsed.headers());
  }
}
