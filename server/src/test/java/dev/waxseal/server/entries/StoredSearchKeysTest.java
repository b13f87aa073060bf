package dev.waxseal.server.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.alpine.AlpineSamples;
import dev.waxseal.server.entries.cose.CoseSamples;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.helm.HelmSamples;
import dev.waxseal.server.entries.jar.JarSamples;
import dev.waxseal.server.entries.pgp.PgpTestKeys;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.rekord.Rekords;
import dev.waxseal.server.entries.rfc3161.Rfc3161Samples;
import dev.waxseal.server.entries.rpm.RpmSamples;
import dev.waxseal.server.entries.tuf.TufSamples;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The search keys derived from a stored body ({@code import-rekor}, {@code import}) equal those the
 * kind indexed when the entry was appended through the API: one entry of every kind and version,
 * canonicalized for append, then its stored body (and attestation, as a source serves it) read
 * back.
 */
class StoredSearchKeysTest {
  private static final EntryKinds KINDS = EntryFuzzing.kinds();
  private static final byte[] ARTIFACT = "stored search keys\n".getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> everyKind() throws Exception {
    return Stream.of(
        Arguments.of("hashedrekord 0.0.1", hashedRekord()),
        Arguments.of("rekord 0.0.1 x509", rekordX509()),
        Arguments.of("rekord 0.0.1 pgp", rekordPgp()),
        Arguments.of("dsse 0.0.1", dsse("text/plain")),
        Arguments.of("intoto 0.0.1", intotoV001()),
        Arguments.of("intoto 0.0.2", intotoV002()),
        Arguments.of("cose 0.0.1", CoseSamples.proposedEntry("{\"cose\":\"stored keys\"}")),
        Arguments.of("tuf 0.0.1", TufSamples.proposedEntry("stored keys")),
        Arguments.of("rfc3161 0.0.1", Rfc3161Samples.proposedEntry("stored keys")),
        Arguments.of("jar 0.0.1", JarSamples.proposedEntry("STORED")),
        Arguments.of("rpm 0.0.1", RpmSamples.proposedEntry("stored-keys", 7)),
        Arguments.of("alpine 0.0.1", AlpineSamples.proposedEntry()),
        Arguments.of("helm 0.0.1", HelmSamples.proposedEntry("Stored Keys <keys@example.com>", 7)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void keysFromTheStoredBodyAreTheKeysIndexedAtAppend(String name, String proposed) {
    CanonicalEntry appended = KINDS.canonicalize(parse(proposed));
    assertThat(appended.searchKeys()).as("%s indexes something", name).isNotEmpty();
    assertThat(stored(appended)).as(name).isEqualTo(appended.searchKeys());
  }

  @Test
  void theKeysIncludeTheArtifactHashAndTheSignersEmail() throws Exception {
    CanonicalEntry rekord = KINDS.canonicalize(parse(rekordPgp()));
    assertThat(stored(rekord))
        .contains("sha256:" + sha256(ARTIFACT), "stored-keys@example.com")
        .hasSize(3);
  }

  @Test
  void anInTotoPayloadsDigestsNeedTheStoredAttestation() throws Exception {
    CanonicalEntry appended = KINDS.canonicalize(parse(intotoV001()));
    List<String> digests = List.of("sha256:" + "ab".repeat(32), "sha1:" + "cd".repeat(20));
    assertThat(appended.searchKeys()).containsAll(digests);
    List<String> withoutAttestation = new ArrayList<>(appended.searchKeys());
    withoutAttestation.removeAll(digests);
    assertThat(KINDS.storedSearchKeys(parse(appended.body()), null)).isEqualTo(withoutAttestation);
    // An attestation that is not this entry's payload is not read.
    assertThat(KINDS.storedSearchKeys(parse(appended.body()), ARTIFACT))
        .isEqualTo(withoutAttestation);
  }

  @Test
  void dsseKeepsNoPayloadSoAnInTotoStatementsDigestsAreNotDerived() throws Exception {
    CanonicalEntry appended = KINDS.canonicalize(parse(dsse(InTotoStatements.PAYLOAD_TYPE)));
    List<String> digests = List.of("sha256:" + "ab".repeat(32), "sha1:" + "cd".repeat(20));
    List<String> expected = new ArrayList<>(appended.searchKeys());
    assertThat(expected.removeAll(digests)).isTrue();
    assertThat(stored(appended)).isEqualTo(expected);
  }

  @Test
  void aStoredBodyThatDoesNotParseDerivesNothing() {
    assertThatThrownBy(
            () ->
                KINDS.storedSearchKeys(
                    parse("{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{}}"), null))
        .isInstanceOf(InvalidEntryException.class);
    assertThatThrownBy(
            () ->
                KINDS.storedSearchKeys(
                    parse("{\"kind\":\"nosuch\",\"apiVersion\":\"0.0.1\",\"spec\":{}}"), null))
        .isInstanceOf(InvalidEntryException.class);
  }

  private static List<String> stored(CanonicalEntry appended) {
    return KINDS.storedSearchKeys(parse(appended.body()), appended.attestation().orElse(null));
  }

  private static JsonNode parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(byte[] json) {
    return CanonicalJson.parse(json);
  }

  private static String entry(String kind, String apiVersion, JsonNode spec) {
    return "{\"kind\":\""
        + kind
        + "\",\"apiVersion\":\""
        + apiVersion
        + "\",\"spec\":"
        + spec
        + "}";
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static byte[] jdkSign(KeyPair keys, byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  private static String hashedRekord() throws Exception {
    KeyPair keys = Signers.keyPair(Signers.Kind.P256, "hashedrekord");
    byte[] certificate = Signers.certificatePem(keys, Signers.Kind.P256, "signer@example.com");
    return "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"signature\":{"
        + "\"content\":\""
        + Signers.b64(jdkSign(keys, ARTIFACT))
        + "\",\"publicKey\":{\"content\":\""
        + Signers.b64(certificate)
        + "\"}},\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + sha256(ARTIFACT)
        + "\"}}}}";
  }

  private static String rekordX509() throws Exception {
    KeyPair keys = Signers.keyPair(Signers.Kind.P256, "rekord");
    byte[] certificate = Signers.certificatePem(keys, Signers.Kind.P256, "rekord@example.com");
    return entry(
        "rekord",
        "0.0.1",
        Rekords.spec("x509", jdkSign(keys, ARTIFACT), certificate, ARTIFACT, ""));
  }

  private static String rekordPgp() throws Exception {
    PgpTestKeys.Ring ring = PgpTestKeys.rsa("Stored Keys <stored-keys@example.com>", 3);
    byte[] signature = ring.sign(PGPSignature.BINARY_DOCUMENT, ARTIFACT);
    return entry(
        "rekord", "0.0.1", Rekords.spec("pgp", signature, ring.armoredPublicKey(), ARTIFACT, ""));
  }

  private static byte[] statement() {
    return Signers.statement("ab".repeat(32), "cd".repeat(20));
  }

  private static String dsse(String payloadType) throws Exception {
    KeyPair keys = Signers.keyPair(Signers.Kind.P256, "dsse");
    byte[] payload = payloadType.equals("text/plain") ? ARTIFACT : statement();
    String envelope =
        Signers.envelopeJson(
            payloadType,
            payload,
            List.of(Signers.dsseSignature(keys, Signers.Kind.P256, payloadType, payload)));
    byte[] certificate = Signers.certificatePem(keys, Signers.Kind.P256, "dsse@example.com");
    JsonNode spec =
        parse(
            "{\"proposedContent\":{\"envelope\":"
                + JsonNodeFactory.instance.stringNode(envelope)
                + ",\"verifiers\":[\""
                + Signers.b64(certificate)
                + "\"]}}");
    return entry("dsse", "0.0.1", spec);
  }

  private static String intotoV001() throws Exception {
    KeyPair keys = Signers.keyPair(Signers.Kind.P256, "intoto1");
    String type = InTotoStatements.PAYLOAD_TYPE;
    String envelope =
        Signers.envelopeJson(
            type,
            statement(),
            List.of(Signers.dsseSignature(keys, Signers.Kind.P256, type, statement())));
    return "{\"kind\":\"intoto\",\"apiVersion\":\"0.0.1\",\"spec\":{\"content\":{\"envelope\":"
        + JsonNodeFactory.instance.stringNode(envelope)
        + "},\"publicKey\":\""
        + Signers.b64(Signers.certificatePem(keys, Signers.Kind.P256, "intoto@example.com"))
        + "\"}}";
  }

  private static String intotoV002() throws Exception {
    KeyPair keys = Signers.keyPair(Signers.Kind.P256, "intoto2");
    String type = InTotoStatements.PAYLOAD_TYPE;
    String sig = Signers.dsseSignature(keys, Signers.Kind.P256, type, statement());
    byte[] certificate = Signers.certificatePem(keys, Signers.Kind.P256, "intoto2@example.com");
    return "{\"kind\":\"intoto\",\"apiVersion\":\"0.0.2\",\"spec\":{\"content\":{\"envelope\":{"
        + "\"payloadType\":\""
        + type
        + "\",\"payload\":\""
        + Signers.b64(ascii(Signers.b64(statement())))
        + "\",\"signatures\":[{\"sig\":\""
        + Signers.b64(ascii(sig))
        + "\",\"publicKey\":\""
        + Signers.b64(certificate)
        + "\"}]},\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
        + "00".repeat(32)
        + "\"}}}}";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
