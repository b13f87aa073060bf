package dev.waxseal.server.entries.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import dev.waxseal.server.entries.pgp.PgpTestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rpm 0.0.1 with packages built and signed here as rpmbuild and rpmsign lay them out. */
class RpmKindTest {
  private static final RpmKind KIND = new RpmKind();
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PAYLOAD = "compressed cpio payload".getBytes(StandardCharsets.UTF_8);
  private static PgpTestKeys.Ring packager;
  private static byte[] main;
  private static byte[] rpm;

  @BeforeAll
  static void build() throws Exception {
    packager = PgpTestKeys.rsa("Packager <packager@example.com>", 21);
    main = Rpms.main("hello", 2, "1.0", "1.fc40", "x86_64");
    rpm = Rpms.rpm(packager, main, PAYLOAD, true);
  }

  static String request(byte[] rpm, byte[] key) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"package\":{\"content\":\""
        + b64.encodeToString(rpm)
        + "\"},\"publicKey\":{\"content\":\""
        + b64.encodeToString(key)
        + "\"}}";
  }

  static CanonicalEntry canonicalize(String spec) {
    return KIND.canonicalize(
        CanonicalJson.parse(spec.getBytes(StandardCharsets.UTF_8)), Purpose.APPEND);
  }

  private static InvalidEntryException refusal(String spec) {
    try {
      canonicalize(spec);
    } catch (InvalidEntryException e) {
      return e;
    }
    throw new AssertionError("accepted " + spec);
  }

  @Test
  void storesKeyHashAndHeaders() throws Exception {
    byte[] key = packager.armoredPublicKey();

    CanonicalEntry entry = canonicalize(request(rpm, key));

    byte[] canonicalKey = PgpKeyRing.parse(key).canonicalArmored();
    String sha256 = HEX.formatHex(Rfc6962.sha256(rpm));
    byte[] covered = Arrays.copyOfRange(rpm, rpm.length - main.length - PAYLOAD.length, rpm.length);
    String md5 = HEX.formatHex(MessageDigest.getInstance("MD5").digest(covered));
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"rpm\",\"spec\":{\"package\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + sha256
                + "\"},\"headers\":{\"Architecture\":\"x86_64\",\"Epoch\":\"2\","
                + "\"Name\":\"hello\",\"RPMSIGTAG_MD5\":\""
                + md5
                + "\",\"Release\":\"1.fc40\",\"Version\":\"1.0\"}},\"publicKey\":{\"content\":\""
                + Base64.getEncoder().encodeToString(canonicalKey)
                + "\"}}}");
    assertThat(entry.searchKeys())
        .containsExactly(
            HEX.formatHex(Rfc6962.sha256(canonicalKey)),
            "packager@example.com",
            "sha256:" + sha256);
  }

  @Test
  void storesEpochZeroWhenTheHeaderHasNone() throws Exception {
    byte[] noEpoch =
        Rpms.rpm(packager, Rpms.main("hello", -1, "1.0", "1", "noarch"), PAYLOAD, true);

    CanonicalEntry entry = canonicalize(request(noEpoch, packager.armoredPublicKey()));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).contains("\"Epoch\":\"0\"");
  }

  @Test
  void rejectsAChangedPayload() throws Exception {
    byte[] tampered = rpm.clone();
    tampered[tampered.length - 1] ^= 1;

    InvalidEntryException e = refusal(request(tampered, packager.armoredPublicKey()));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage())
        .isEqualTo("openpgp: invalid signature: the signature does not verify");
  }

  @Test
  void rejectsAnotherKey() throws Exception {
    PgpTestKeys.Ring other = PgpTestKeys.rsa("Other <other@example.org>", 22);

    assertThat(refusal(request(rpm, other.armoredPublicKey())).getMessage())
        .startsWith("openpgp: signature made by unknown entity");
  }

  @Test
  void rejectsAPackageWithoutHeaderAndPayloadSignature() throws Exception {
    byte[] unsigned = Rpms.rpm(packager, main, PAYLOAD, false);

    assertThat(refusal(request(unsigned, packager.armoredPublicKey())).getMessage())
        .startsWith("Package signature not found");
  }

  @Test
  void rejectsNotAnRpm() throws Exception {
    assertThat(refusal(request(new byte[100], packager.armoredPublicKey())).getMessage())
        .isEqualTo("file is not an RPM: lead magic number invalid");
    assertThat(refusal(request(new byte[10], packager.armoredPublicKey())).getMessage())
        .isEqualTo("error reading RPM lead: unexpected EOF");
  }

  @Test
  void checksTheHashSent() throws Exception {
    String sha256 = HEX.formatHex(Rfc6962.sha256(rpm));
    String request = request(rpm, packager.armoredPublicKey());
    String withHash =
        request.replace(
            "{\"content\"",
            "{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha256 + "\"},\"content\"");
    String wrong = withHash.replace(sha256, "0".repeat(64));

    assertThat(canonicalize(withHash)).isEqualTo(canonicalize(request));
    assertThat(refusal(wrong).getMessage()).startsWith("SHA mismatch: " + sha256);
  }

  @Test
  void namesMissingFieldsAsRekor() throws Exception {
    String key = Base64.getEncoder().encodeToString(packager.armoredPublicKey());
    assertThat(refusal("{\"package\":{}}").getMessage()).isEqualTo("publicKey in body is required");
    assertThat(refusal("{\"package\":{},\"publicKey\":{\"content\":\"" + key + "\"}}").getMessage())
        .isEqualTo("'content' must be specified for package");
    assertThat(
            refusal(
                    "{\"package\":{\"url\":\"https://example.com/a.rpm\"},"
                        + "\"publicKey\":{\"content\":\""
                        + key
                        + "\"}}")
                .getMessage())
        .startsWith("package.url is not supported");
  }
}
