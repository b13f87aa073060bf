package dev.waxseal.server.signing.kms;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One Cloud KMS key version, named by a Rekor-style reference: {@code
 * gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N}.
 *
 * <p>Parsing is strict. sigstore's {@code pkg/signature/kms/gcp} also accepts {@code /versions/N},
 * which is accepted here as an alias, and a reference with no version at all (meaning the newest
 * enabled version), which is not: the log's identity is the hash of its public key, so a key that
 * moved to a new version on rotation would silently start a new log. Each ID is checked against the
 * KMS naming rules, and the version is a decimal number without sign or leading zeros.
 *
 * @param project the project ID, domain-scoped ID ({@code example.com:proj}) or number
 * @param location the KMS location ({@code global}, {@code us-east1}, {@code europe}, …)
 * @param keyRing the key ring ID
 * @param cryptoKey the crypto key ID
 * @param version the key version number, as KMS writes it
 */
public record GcpKmsKeyName(
    String project, String location, String keyRing, String cryptoKey, String version) {
  /** The reference scheme, as Rekor and cosign spell it. */
  public static final String SCHEME = "gcpkms://";

  private static final String FORMAT =
      SCHEME + "projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N";
  private static final List<String> COLLECTIONS =
      List.of("projects", "locations", "keyRings", "cryptoKeys", "cryptoKeyVersions");

  private static final Pattern PROJECT = Pattern.compile("[a-z0-9](?:[a-z0-9.:-]{0,98}[a-z0-9])?");
  private static final Pattern LOCATION = Pattern.compile("[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern KMS_ID = Pattern.compile("[a-zA-Z0-9_-]{1,63}");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

  /**
   * Checks each ID.
   *
   * @throws IllegalArgumentException naming the part that breaks the KMS naming rules
   */
  public GcpKmsKeyName {
    String violation = violation(project, location, keyRing, cryptoKey, version);
    if (violation != null) {
      throw new IllegalArgumentException(violation);
    }
  }

  /**
   * Parses a {@code gcpkms://} reference.
   *
   * @throws IllegalArgumentException if the reference is not exactly of the form {@code
   *     gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N} (or {@code
   *     …/versions/N}); the message names what is wrong and shows the expected form
   */
  public static GcpKmsKeyName parse(String reference) {
    if (!reference.startsWith(SCHEME)) {
      throw invalid(reference, "it does not start with " + SCHEME);
    }
    String[] segments = reference.substring(SCHEME.length()).split("/", -1);
    if (segments.length == 8) {
      throw invalid(
          reference,
          "it names no key version; append /cryptoKeyVersions/N, since a log key must be pinned"
              + " to one version");
    }
    if (segments.length != 10) {
      throw invalid(reference, "it has " + segments.length + " path segments, want 10");
    }
    for (int i = 0; i < COLLECTIONS.size(); i++) {
      String got = segments[2 * i];
      String want = COLLECTIONS.get(i);
      boolean versionAlias = want.equals("cryptoKeyVersions") && got.equals("versions");
      if (!got.equals(want) && !versionAlias) {
        throw invalid(
            reference, "path segment " + (2 * i + 1) + " is '" + got + "', want '" + want + "'");
      }
    }
    String violation = violation(segments[1], segments[3], segments[5], segments[7], segments[9]);
    if (violation != null) {
      throw invalid(reference, violation);
    }
    return new GcpKmsKeyName(segments[1], segments[3], segments[5], segments[7], segments[9]);
  }

  /** The KMS resource name, {@code projects/P/locations/L/keyRings/R/cryptoKeys/K/…/N}. */
  public String resourceName() {
    return "projects/"
        + project
        + "/locations/"
        + location
        + "/keyRings/"
        + keyRing
        + "/cryptoKeys/"
        + cryptoKey
        + "/cryptoKeyVersions/"
        + version;
  }

  /** The canonical reference, {@code gcpkms://} followed by the resource name. */
  @Override
  public String toString() {
    return SCHEME + resourceName();
  }

  /** The first ID that breaks the KMS naming rules, described; or null if all are valid. */
  private static @Nullable String violation(
      String project, String location, String keyRing, String cryptoKey, String version) {
    if (!PROJECT.matcher(project).matches()) {
      return rule("project", project, "lower-case letters, digits, '-', '.' and ':'");
    }
    if (!LOCATION.matcher(location).matches()) {
      return rule("location", location, "lower-case letters, digits and '-'");
    }
    if (!KMS_ID.matcher(keyRing).matches()) {
      return rule("key ring", keyRing, "1 to 63 letters, digits, '_' and '-'");
    }
    if (!KMS_ID.matcher(cryptoKey).matches()) {
      return rule("crypto key", cryptoKey, "1 to 63 letters, digits, '_' and '-'");
    }
    if (!VERSION.matcher(version).matches()) {
      return rule("key version", version, "a decimal number from 1, without sign or leading zeros");
    }
    return null;
  }

  private static String rule(String what, String value, String want) {
    return what + " '" + value + "' is not a valid KMS " + what + " ID: want " + want;
  }

  private static IllegalArgumentException invalid(String reference, String why) {
    return new IllegalArgumentException(
        "invalid KMS key reference '" + reference + "': " + why + "; want " + FORMAT);
  }
}
