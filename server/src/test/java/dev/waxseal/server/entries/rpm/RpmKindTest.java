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
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rpm 0.0.1 with packages built by {@code rpmbuild} and signed by {@code rpmsign} (rpm 4.18, {@link
 * RealRpms}), and with packages assembled here ({@link Rpms}) for what rpm does not write. Every
 * refusal message is the one Rekor v1.5.4 (go-rpmutils v0.4.0) gives for the same package, as
 * checked with the program in {@code src/test/resources/entries/rpm}.
 */
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

  private static final int SIG_DSA = 267;
  private static final int SIG_RSA = 268;
  private static final int SIG_SHA256 = 273;
  private static final int SIG_SIZE = 1000;
  private static final int SIG_PGP = 1002;
  private static final int SIG_MD5 = 1004;
  private static final int SIG_GPG = 1005;

  private static String real(String rpm, String key) {
    return request(RealRpms.load(rpm), RealRpms.load(key));
  }

  private static String keyFor(String rpm) {
    return rpm.startsWith("dsa") ? "dsa.pub.asc" : "rsa.pub.asc";
  }

  @Test
  void logsAPackageSignedByTodaysRpmsignWithAHeaderOnlySignature() throws Exception {
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    byte[] key = RealRpms.load("rsa.pub.asc");

    CanonicalEntry entry = canonicalize(request(rpm, key));

    byte[] canonicalKey = PgpKeyRing.parse(key).canonicalArmored();
    String sha256 = HEX.formatHex(Rfc6962.sha256(rpm));
    String md5 =
        HEX.formatHex(
            MessageDigest.getInstance("MD5")
                .digest(Arrays.copyOfRange(rpm, RealRpms.mainStart(rpm), rpm.length)));
    assertThat(md5).isEqualTo("cfe850ad110a888d7711aad1ddc4c3ab");
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"rpm\",\"spec\":{\"package\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + sha256
                + "\"},\"headers\":{\"Architecture\":\"noarch\",\"Epoch\":\"3\","
                + "\"Name\":\"waxseal-hello\",\"RPMSIGTAG_MD5\":\""
                + md5
                + "\",\"Release\":\"4\",\"Version\":\"1.2\"}},\"publicKey\":{\"content\":\""
                + Base64.getEncoder().encodeToString(canonicalKey)
                + "\"}}}");
    assertThat(entry.searchKeys())
        .containsExactly(
            HEX.formatHex(Rfc6962.sha256(canonicalKey)),
            "rpm-signer@example.com",
            "sha256:" + sha256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-header-only.rpm", "rsa-v3.rpm", "dsa-header-only.rpm", "dsa-v3.rpm"})
  void acceptsEveryPackageRpmsignSigned(String name) throws Exception {
    CanonicalEntry entry = canonicalize(real(name, keyFor(name)));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .contains(
            "\"headers\":{\"Architecture\":\"noarch\",\"Epoch\":\"3\",\"Name\":\"waxseal-hello\","
                + "\"RPMSIGTAG_MD5\":\"cfe850ad110a888d7711aad1ddc4c3ab\",\"Release\":\"4\","
                + "\"Version\":\"1.2\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-header-only.rpm", "rsa-v3.rpm", "dsa-header-only.rpm", "dsa-v3.rpm"})
  void refusesAFlippedPayloadByte(String name) throws Exception {
    byte[] rpm = RealRpms.load(name);
    byte[] key = RealRpms.load(keyFor(name));

    for (int at : new int[] {RealRpms.payloadStart(rpm) + 100, rpm.length - 1}) {
      InvalidEntryException e = refusal(request(RealRpms.flip(rpm, at), key));

      assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
      assertThat(e.getMessage()).isEqualTo("payload SHA-256 digest mismatch");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-header-only.rpm", "rsa-v3.rpm", "dsa-header-only.rpm", "dsa-v3.rpm"})
  void refusesAFlippedMainHeaderByte(String name) throws Exception {
    byte[] rpm = RealRpms.load(name);
    byte[] key = RealRpms.load(keyFor(name));
    int[] changes = {
      RealRpms.mainData(rpm) + 5, RealRpms.mainStart(rpm) + 16 + 4 * 16 + 3,
    };

    for (int at : changes) {
      InvalidEntryException e = refusal(request(RealRpms.flip(rpm, at), key));

      assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
      assertThat(e.getMessage()).isEqualTo("SHA-256 mismatch in signature header");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "rsa-header-only.rpm, 268, RSA",
    "rsa-v3.rpm, 268, RSA",
    "rsa-v3.rpm, 1002, RSA",
    "dsa-header-only.rpm, 267, DSA",
    "dsa-v3.rpm, 267, DSA",
    "dsa-v3.rpm, 1005, DSA",
  })
  void refusesAFlippedSignatureByte(String name, int tag, String algorithm) throws Exception {
    byte[] rpm = RealRpms.load(name);
    int[] value = RealRpms.signatureValue(rpm, tag);

    InvalidEntryException e =
        refusal(request(RealRpms.flip(rpm, value[1] - 1), RealRpms.load(keyFor(name))));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage())
        .isEqualTo("openpgp: invalid signature: " + algorithm + " verification failure");
  }

  @Test
  void refusesAChangedSignatureCreationTime() throws Exception {
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    int[] value = RealRpms.signatureValue(rpm, SIG_RSA);
    // The hashed creation-time subpacket: length 5, type 2, four bytes of time.
    int at = value[0];
    while (rpm[at] != 5 || rpm[at + 1] != 2) {
      at++;
    }

    InvalidEntryException e =
        refusal(request(RealRpms.flip(rpm, at + 5), RealRpms.load("rsa.pub.asc")));

    assertThat(e.getMessage()).isEqualTo("openpgp: invalid signature: RSA verification failure");
  }

  @Test
  void refusesAChangedHeaderDigest() throws Exception {
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    int[] value = RealRpms.signatureValue(rpm, SIG_SHA256);

    assertThat(
            refusal(request(RealRpms.flip(rpm, value[0]), RealRpms.load("rsa.pub.asc")))
                .getMessage())
        .isEqualTo("SHA-256 mismatch in signature header");
  }

  @Test
  void storesAChangedMd5AsRekorDoesWhenThePayloadDigestIsThere() throws Exception {
    // go-rpmutils checks RPMSIGTAG_MD5 only for packages without a payload digest.
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    byte[] changed = RealRpms.flip(rpm, RealRpms.signatureValue(rpm, SIG_MD5)[0]);

    CanonicalEntry entry = canonicalize(request(changed, RealRpms.load("rsa.pub.asc")));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .contains("\"RPMSIGTAG_MD5\":\"cee850ad110a888d7711aad1ddc4c3ab\"");
  }

  @ParameterizedTest
  @CsvSource({
    "rsa-header-only.rpm, other.pub.asc, 755b679972b55311",
    "rsa-v3.rpm, dsa.pub.asc, 755b679972b55311",
    "dsa-header-only.rpm, rsa.pub.asc, 6f0824d1d4f8f459",
    "dsa-v3.rpm, other.pub.asc, 6f0824d1d4f8f459",
  })
  void refusesAnotherKey(String name, String key, String keyId) throws Exception {
    InvalidEntryException e = refusal(real(name, key));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage()).isEqualTo("keyid " + keyId + " not found");
  }

  @Test
  void findsTheSignerInAKeyRingOfSeveralKeys() throws Exception {
    byte[] ring =
        Rpms.concat(
            Rpms.concat(RealRpms.load("other.pub.asc"), RealRpms.load("dsa.pub.asc")),
            RealRpms.load("rsa.pub.asc"));

    for (String name : List.of("rsa-v3.rpm", "dsa-v3.rpm")) {
      CanonicalEntry entry = canonicalize(request(RealRpms.load(name), ring));

      assertThat(entry.searchKeys())
          .contains("other@example.com", "dsa-signer@example.com", "rpm-signer@example.com");
    }
  }

  @Test
  void needsTheKeysOfAllSignatures() throws Exception {
    PgpTestKeys.Ring second = PgpTestKeys.rsa("Second <second@example.org>", 23);
    byte[] covered = Rpms.concat(main, PAYLOAD);
    byte[] twoSigners =
        Rpms.assemble(
            List.of(
                Rpms.Tag.bin(SIG_RSA, packager.sign(PGPSignature.BINARY_DOCUMENT, main)),
                Rpms.Tag.bin(SIG_PGP, second.sign(PGPSignature.BINARY_DOCUMENT, covered)),
                Rpms.Tag.bin(SIG_MD5, MessageDigest.getInstance("MD5").digest(covered))),
            main,
            PAYLOAD);
    byte[] both = Rpms.concat(packager.armoredPublicKey(), second.armoredPublicKey());

    assertThat(canonicalize(request(twoSigners, both)).searchKeys())
        .contains("packager@example.com", "second@example.org");
    assertThat(refusal(request(twoSigners, packager.armoredPublicKey())).getMessage())
        .isEqualTo(String.format("keyid %08x not found", second.signer().getKeyID()));
    assertThat(refusal(request(twoSigners, second.armoredPublicKey())).getMessage())
        .isEqualTo(String.format("keyid %08x not found", packager.signer().getKeyID()));
  }

  /** The rpmsign package with its RSA header signature value replaced. */
  private static byte[] withRsaValue(Rpms.Tag replacement) {
    return RealRpms.withSignatureHeader(
        RealRpms.load("rsa-header-only.rpm"),
        tags -> tags.stream().map(t -> t.tag() == SIG_RSA ? replacement : t).toList());
  }

  @Test
  void refusesSignatureValuesRekorCannotRead() throws Exception {
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    int[] value = RealRpms.signatureValue(rpm, SIG_RSA);
    byte[] signature = Arrays.copyOfRange(rpm, value[0], value[1]);
    byte[] key = RealRpms.load("rsa.pub.asc");

    assertThat(refusal(request(withRsaValue(Rpms.Tag.bin(SIG_RSA, new byte[0])), key)).getMessage())
        .isEqualTo("EOF");
    byte[] trailing = Rpms.concat(signature, new byte[] {0});
    assertThat(refusal(request(withRsaValue(Rpms.Tag.bin(SIG_RSA, trailing)), key)).getMessage())
        .isEqualTo("trailing garbage after PGP signature packet");
    byte[] userId = {(byte) 0xb4, 3, 'a', 'b', 'c'};
    assertThat(refusal(request(withRsaValue(Rpms.Tag.bin(SIG_RSA, userId)), key)).getMessage())
        .isEqualTo("no supported PGP signature packet found");
    assertThat(refusal(request(withRsaValue(Rpms.Tag.string(SIG_RSA, "x")), key)).getMessage())
        .isEqualTo("unsupported datatype for bytes: 6, tag: 268");
  }

  @Test
  void needsNoHeaderDigests() throws Exception {
    byte[] noDigests =
        RealRpms.withSignatureHeader(
            RealRpms.load("rsa-header-only.rpm"),
            tags -> tags.stream().filter(t -> t.tag() != 269 && t.tag() != SIG_SHA256).toList());

    assertThat(canonicalize(request(noDigests, RealRpms.load("rsa.pub.asc"))).body()).isNotEmpty();
  }

  @Test
  void refusesTheUnsignedPackage() throws Exception {
    InvalidEntryException e = refusal(real("unsigned.rpm", "rsa.pub.asc"));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage()).isEqualTo("no supported PGP signature found in RPM");
  }

  @Test
  void checksTheMd5WhenThereIsNoPayloadDigest() throws Exception {
    byte[] tampered = rpm.clone();
    tampered[tampered.length - 1] ^= 1;

    InvalidEntryException e = refusal(request(tampered, packager.armoredPublicKey()));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e.getMessage()).isEqualTo("md5 digest mismatch");
  }

  @Test
  void refusesAPackageWithoutAnyPayloadDigest() throws Exception {
    byte[] covered = Rpms.concat(main, PAYLOAD);
    byte[] noMd5 =
        Rpms.assemble(
            List.of(
                Rpms.Tag.int32(SIG_SIZE, covered.length),
                Rpms.Tag.bin(SIG_PGP, packager.sign(PGPSignature.BINARY_DOCUMENT, covered))),
            main,
            PAYLOAD);

    assertThat(refusal(request(noMd5, packager.armoredPublicKey())).getMessage())
        .isEqualTo("no usable payload digest found");
  }

  @Test
  void acceptsAHeaderOnlySignatureWithoutHeaderDigests() throws Exception {
    byte[] covered = Rpms.concat(main, PAYLOAD);
    byte[] headerOnly =
        Rpms.assemble(
            List.of(
                Rpms.Tag.bin(SIG_RSA, packager.sign(PGPSignature.BINARY_DOCUMENT, main)),
                Rpms.Tag.bin(SIG_MD5, MessageDigest.getInstance("MD5").digest(covered))),
            main,
            PAYLOAD);

    assertThat(canonicalize(request(headerOnly, packager.armoredPublicKey())).body()).isNotEmpty();
  }

  @Test
  void refusesWhenOneOfTwoSignaturesFails() throws Exception {
    byte[] covered = Rpms.concat(main, PAYLOAD);
    byte[] md5 = MessageDigest.getInstance("MD5").digest(covered);
    byte[] overHeader = packager.sign(PGPSignature.BINARY_DOCUMENT, main);
    byte[] overBoth = packager.sign(PGPSignature.BINARY_DOCUMENT, covered);
    // Each signature placed where it covers the wrong bytes, the other one right.
    byte[] badHeaderOnly =
        Rpms.assemble(
            List.of(
                Rpms.Tag.bin(SIG_RSA, overBoth),
                Rpms.Tag.bin(SIG_PGP, overBoth),
                Rpms.Tag.bin(SIG_MD5, md5)),
            main,
            PAYLOAD);
    byte[] badHeaderAndPayload =
        Rpms.assemble(
            List.of(
                Rpms.Tag.bin(SIG_RSA, overHeader),
                Rpms.Tag.bin(SIG_GPG, overHeader),
                Rpms.Tag.bin(SIG_MD5, md5)),
            main,
            PAYLOAD);
    byte[] key = packager.armoredPublicKey();

    for (byte[] bad : List.of(badHeaderOnly, badHeaderAndPayload)) {
      assertThat(refusal(request(bad, key)).getMessage())
          .isEqualTo("openpgp: invalid signature: RSA verification failure");
    }
  }

  @Test
  void refusesSignatureValuesThatAreNotOneSignaturePacket() throws Exception {
    byte[] covered = Rpms.concat(main, PAYLOAD);
    byte[] md5 = MessageDigest.getInstance("MD5").digest(covered);
    byte[] overHeader = packager.sign(PGPSignature.BINARY_DOCUMENT, main);
    byte[] key = packager.armoredPublicKey();
    byte[] userId = {(byte) 0xb4, 3, 'a', 'b', 'c'};

    assertThat(
            refusal(request(withHeaderSignature(Rpms.concat(overHeader, new byte[] {0}), md5), key))
                .getMessage())
        .isEqualTo("trailing garbage after PGP signature packet");
    assertThat(refusal(request(withHeaderSignature(userId, md5), key)).getMessage())
        .isEqualTo("no supported PGP signature packet found");
    byte[] asString =
        Rpms.assemble(
            List.of(Rpms.Tag.string(SIG_DSA, "x"), Rpms.Tag.bin(SIG_MD5, md5)), main, PAYLOAD);
    assertThat(refusal(request(asString, key)).getMessage())
        .isEqualTo("unsupported datatype for bytes: 6, tag: 267");
  }

  private static byte[] withHeaderSignature(byte[] value, byte[] md5) {
    return Rpms.assemble(
        List.of(Rpms.Tag.bin(SIG_RSA, value), Rpms.Tag.bin(SIG_MD5, md5)), main, PAYLOAD);
  }

  @Test
  void refusesAPackageWithoutName() throws Exception {
    byte[] noName =
        Rpms.rpm(
            packager,
            Rpms.header(List.of(Rpms.Tag.string(1001, "1.0"), Rpms.Tag.string(1002, "1"))),
            PAYLOAD,
            true);

    assertThat(refusal(request(noName, packager.armoredPublicKey())).getMessage())
        .isEqualTo("No such entry 1000");
  }

  @Test
  void refusesHeaderValuesOutsideTheDataStore() throws Exception {
    byte[] key = packager.armoredPublicKey();
    byte[] unterminated =
        Rpms.header(
            List.of(
                Rpms.Tag.string(1000, "hello"),
                new Rpms.Tag(1001, 6, 1, "1.0".getBytes(StandardCharsets.UTF_8))));
    byte[] tooLong =
        Rpms.header(
            List.of(Rpms.Tag.string(1000, "hello"), new Rpms.Tag(1003, 4, 1000, new byte[4])));

    assertThat(refusal(request(Rpms.rpm(packager, unterminated, PAYLOAD, true), key)).getMessage())
        .isEqualTo("tag 1001 is truncated");
    InvalidEntryException e = refusal(request(Rpms.rpm(packager, tooLong, PAYLOAD, true), key));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_ENTRY);
    assertThat(e.getMessage())
        .isEqualTo("error reading RPM header: tag 1003 lies outside the header's data store");
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
  void rejectsAnotherKeyById() throws Exception {
    PgpTestKeys.Ring other = PgpTestKeys.rsa("Other <other@example.org>", 22);

    assertThat(refusal(request(rpm, other.armoredPublicKey())).getMessage())
        .isEqualTo(String.format("keyid %08x not found", packager.signer().getKeyID()));
  }

  @Test
  void rejectsNotAnRpm() throws Exception {
    byte[] key = packager.armoredPublicKey();
    assertThat(refusal(request(new byte[100], key)).getMessage()).isEqualTo("file is not an RPM");
    assertThat(refusal(request(new byte[10], key)).getMessage())
        .isEqualTo("error reading RPM lead: unexpected EOF");
    byte[] leadOnly = Arrays.copyOf(rpm, 96);
    assertThat(refusal(request(leadOnly, key)).getMessage())
        .isEqualTo("error reading RPM header: EOF");
    byte[] badMagic = rpm.clone();
    badMagic[96] = 0;
    assertThat(refusal(request(badMagic, key)).getMessage()).isEqualTo("bad magic for header");
    byte[] cut = Arrays.copyOf(rpm, RealRpms.mainStart(rpm) + 20);
    assertThat(refusal(request(cut, key)).getMessage())
        .isEqualTo("error reading RPM header table: unexpected EOF");
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
