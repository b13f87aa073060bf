package dev.waxseal.server.signing.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing {@code gcpkms://} references: the accepted forms and one rejection per rule. */
class GcpKmsKeyNameTest {
  private static final String PREFIX = "gcpkms://projects/p-1/locations/us-east1/keyRings/r";
  private static final String VALID = PREFIX + "/cryptoKeys/k/cryptoKeyVersions/1";

  @Test
  void parsesTheCanonicalForm() {
    GcpKmsKeyName key = GcpKmsKeyName.parse(VALID);

    assertThat(key).isEqualTo(new GcpKmsKeyName("p-1", "us-east1", "r", "k", "1"));
    assertThat(key.resourceName())
        .isEqualTo("projects/p-1/locations/us-east1/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1");
    assertThat(key).hasToString(VALID);
  }

  @Test
  void acceptsSigstoresVersionsAliasAndWritesTheCanonicalForm() {
    GcpKmsKeyName key = GcpKmsKeyName.parse(PREFIX + "/cryptoKeys/k/versions/1");

    assertThat(key).hasToString(VALID);
  }

  static Stream<Arguments> validReferences() {
    return Stream.of(
        Arguments.of("projects/my-project/locations/global/keyRings/rekor/cryptoKeys/log-key"),
        Arguments.of(
            "projects/example.com:my-project/locations/europe/keyRings/R_1/cryptoKeys/K-2"),
        Arguments.of("projects/123456789012/locations/nam-eur-asia1/keyRings/a/cryptoKeys/b"),
        Arguments.of(
            "projects/p-1/locations/us-east1/keyRings/"
                + "r".repeat(63)
                + "/cryptoKeys/"
                + "K".repeat(63)));
  }

  @ParameterizedTest
  @MethodSource("validReferences")
  void roundTrips(String keyPath) {
    String reference = "gcpkms://" + keyPath + "/cryptoKeyVersions/12";

    assertThat(GcpKmsKeyName.parse(reference)).hasToString(reference);
  }

  static Stream<Arguments> malformedReferences() {
    return Stream.of(
        Arguments.of("empty", "", "it does not start with gcpkms://"),
        Arguments.of("aws scheme", "awskms:///alias/log", "it does not start with gcpkms://"),
        Arguments.of("upper-case scheme", VALID.toUpperCase(java.util.Locale.ROOT), "start with"),
        Arguments.of("one slash", VALID.replace("gcpkms://", "gcpkms:/"), "start with"),
        Arguments.of("leading space", " " + VALID, "it does not start with gcpkms://"),
        Arguments.of(
            "no version",
            PREFIX + "/cryptoKeys/k",
            "it names no key version; append /cryptoKeyVersions/N"),
        Arguments.of("key ring only", PREFIX, "it has 6 path segments, want 10"),
        Arguments.of("trailing slash", VALID + "/", "it has 11 path segments, want 10"),
        Arguments.of("extra segment", VALID + "/x", "it has 11 path segments, want 10"),
        Arguments.of("double slash", VALID.replace("keyRings/", "keyRings//"), "11 path segments"),
        Arguments.of(
            "location singular",
            VALID.replace("/locations/", "/location/"),
            "path segment 3 is 'location', want 'locations'"),
        Arguments.of(
            "keyrings lower-case",
            VALID.replace("keyRings", "keyrings"),
            "path segment 5 is 'keyrings', want 'keyRings'"),
        Arguments.of(
            "cryptoKeyVersion singular",
            VALID.replace("cryptoKeyVersions", "cryptoKeyVersion"),
            "path segment 9 is 'cryptoKeyVersion', want 'cryptoKeyVersions'"),
        Arguments.of(
            "empty project",
            VALID.replace("projects/p-1", "projects/"),
            "project '' is not a valid KMS project ID"),
        Arguments.of(
            "upper-case project",
            VALID.replace("p-1", "P-1"),
            "project 'P-1' is not a valid KMS project ID"),
        Arguments.of(
            "location with underscore",
            VALID.replace("us-east1", "us_east1"),
            "location 'us_east1' is not a valid KMS location ID"),
        Arguments.of(
            "key ring with a dot",
            VALID.replace("keyRings/r", "keyRings/r.1"),
            "key ring 'r.1' is not a valid KMS key ring ID: want 1 to 63 letters"),
        Arguments.of(
            "key ring of 64 characters",
            VALID.replace("keyRings/r", "keyRings/" + "r".repeat(64)),
            "key ring '" + "r".repeat(64) + "' is not a valid KMS key ring ID"),
        Arguments.of(
            "crypto key with a space",
            VALID.replace("cryptoKeys/k", "cryptoKeys/k k"),
            "crypto key 'k k' is not a valid KMS crypto key ID"),
        Arguments.of(
            "version zero",
            PREFIX + "/cryptoKeys/k/cryptoKeyVersions/0",
            "key version '0' is not a valid KMS key version ID"),
        Arguments.of(
            "version with leading zeros",
            PREFIX + "/cryptoKeys/k/cryptoKeyVersions/007",
            "key version '007' is not a valid"),
        Arguments.of(
            "version with a sign",
            PREFIX + "/cryptoKeys/k/cryptoKeyVersions/+1",
            "key version '+1' is not a valid"),
        Arguments.of(
            "version not a number",
            PREFIX + "/cryptoKeys/k/cryptoKeyVersions/latest",
            "key version 'latest' is not a valid"),
        Arguments.of(
            "query string", VALID + "?alt=json", "key version '1?alt=json' is not a valid"),
        Arguments.of("trailing newline", VALID + "\n", "key version '1\n' is not a valid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedReferences")
  void rejectsMalformedReferencesSayingWhatIsWrong(String name, String reference, String why) {
    assertThatThrownBy(() -> GcpKmsKeyName.parse(reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid KMS key reference '" + reference + "': ")
        .hasMessageContaining(why)
        .hasMessageEndingWith(
            "; want gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N");
  }

  @Test
  void constructorChecksEachId() {
    assertThatThrownBy(() -> new GcpKmsKeyName("p-1", "us-east1", "r", "k", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key version '0' is not a valid KMS key version ID: want a decimal number from 1,"
                + " without sign or leading zeros");
  }
}
