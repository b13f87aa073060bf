package dev.waxseal.server.entries.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.tuf.TufFixtures.Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** tuf 0.0.1: the real Sigstore root v5, and roots and targets made in the test. */
class TufKindTest {
  private static final String EXPIRES = "2030-01-01T00:00:00Z";
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
  private final TufKind kind = new TufKind(NOW);

  private static ObjectNode spec(JsonNode metadata, JsonNode root) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("metadata").set("content", metadata);
    spec.putObject("root").set("content", root);
    return spec;
  }

  private static JsonNode sigstoreRoot() throws IOException {
    try (InputStream in =
        TufKindTest.class.getResourceAsStream("/entries/tuf/sigstore-root-v5.json")) {
      return CanonicalJson.mapper().readTree(in);
    }
  }

  @Test
  void verifiesTheRealSigstoreRootAgainstItselfBeforeItExpired() throws IOException {
    JsonNode root = sigstoreRoot();
    TufKind before =
        new TufKind(Clock.fixed(Instant.parse("2023-01-01T00:00:00Z"), ZoneOffset.UTC));

    CanonicalEntry entry = before.canonicalize(spec(root, root), Purpose.APPEND);

    JsonNode body = CanonicalJson.parse(entry.body());
    assertThat(body.get("kind").stringValue()).isEqualTo("tuf");
    JsonNode stored = body.get("spec");
    assertThat(stored.get("spec_version").stringValue()).isEqualTo("1.0");
    byte[] storedRoot = Base64.getDecoder().decode(stored.get("root").get("content").stringValue());
    assertThat(storedRoot).isEqualTo(CanonicalJson.canonicalize(root));
    assertThat(Base64.getDecoder().decode(stored.get("metadata").get("content").stringValue()))
        .isEqualTo(storedRoot);
    // Metadata and root are the same document: the index keeps the one hash once.
    assertThat(entry.searchKeys()).containsExactly(Signers.sha256Hex(storedRoot), "root", "5");
  }

  @Test
  void refusesTheRealSigstoreRootOnceExpired() throws IOException {
    JsonNode root = sigstoreRoot();
    assertThatThrownBy(() -> kind.canonicalize(spec(root, root), Purpose.APPEND))
        .hasMessage("tuf: root metadata expired at 2023-04-18T18:13:43Z");
  }

  @Test
  void verifiesTargetsWithTheRootsThresholdOfKeys() {
    Key rootKey = TufFixtures.ed25519("root");
    Key a = TufFixtures.ecdsa("targets-a");
    Key b = TufFixtures.rsa("targets-b");
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                EXPIRES, "root", new Key[] {rootKey}, 1, "targets", new Key[] {a, b}, 2),
            rootKey);
    ObjectNode targets = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 7), a, b);

    CanonicalEntry entry = kind.canonicalize(spec(targets, root), Purpose.APPEND);

    byte[] storedTargets = CanonicalJson.canonicalize(targets);
    byte[] storedRoot = CanonicalJson.canonicalize(root);
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"tuf\",\"spec\":{\"metadata\":{\"content\":\""
                + Base64.getEncoder().encodeToString(storedTargets)
                + "\"},\"root\":{\"content\":\""
                + Base64.getEncoder().encodeToString(storedRoot)
                + "\"},\"spec_version\":\"1.0.31\"}}");
    assertThat(entry.searchKeys())
        .containsExactly(
            Signers.sha256Hex(storedTargets), "targets", "7", Signers.sha256Hex(storedRoot));

    // A stored body's base64 contents read back to the same entry (Rekor PR #1671).
    JsonNode stored = CanonicalJson.parse(entry.body()).get("spec");
    assertThat(kind.canonicalize(stored, Purpose.SEARCH)).isEqualTo(entry);
  }

  @Test
  void refusesTooFewSignaturesATamperedTargetsAndUnknownRoles() {
    Key rootKey = TufFixtures.ed25519("root");
    Key a = TufFixtures.ecdsa("targets-a");
    Key b = TufFixtures.ed25519("targets-b");
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                EXPIRES, "root", new Key[] {rootKey}, 1, "targets", new Key[] {a, b}, 2),
            rootKey);

    ObjectNode once = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 1), a, a);
    assertThatThrownBy(() -> kind.canonicalize(spec(once, root), Purpose.APPEND))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("tuf: valid signatures did not meet threshold for targets: got 1, want 2");

    ObjectNode tampered = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 1), a, b);
    ((ObjectNode) tampered.get("signed")).put("version", 2);
    assertThatThrownBy(() -> kind.canonicalize(spec(tampered, root), Purpose.APPEND))
        .hasMessage("tuf: signature verification failed");

    ObjectNode snapshot = TufFixtures.targetsSigned(EXPIRES, 1).put("_type", "snapshot");
    assertThatThrownBy(
            () -> kind.canonicalize(spec(TufFixtures.sign(snapshot, a, b), root), Purpose.APPEND))
        .hasMessage("tuf: unknown role snapshot");

    ObjectNode byRootKey = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 1), rootKey);
    assertThatThrownBy(() -> kind.canonicalize(spec(byRootKey, root), Purpose.APPEND))
        .hasMessage("tuf: valid signatures did not meet threshold for targets: got 0, want 2");
  }

  @Test
  void refusesAnUnsignedRootAndFloatsInSignedData() {
    Key rootKey = TufFixtures.ed25519("root");
    ObjectNode rootSigned = TufFixtures.rootSigned(EXPIRES, "root", new Key[] {rootKey}, 1);
    ObjectNode unsigned = TufFixtures.sign(rootSigned.deepCopy());
    assertThatThrownBy(() -> kind.canonicalize(spec(unsigned, unsigned), Purpose.APPEND))
        .hasMessage("tuf: data has no signatures");

    ObjectNode withFloat = TufFixtures.rootSigned(EXPIRES, "root", new Key[] {rootKey}, 1);
    withFloat.put("ratio", 0.5);
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.set("signed", withFloat);
    root.putArray("signatures").addObject().put("keyid", rootKey.id()).put("sig", "00");
    assertThatThrownBy(() -> kind.canonicalize(spec(root, root), Purpose.APPEND))
        .hasMessage("tuf: can't canonicalize floating point number '0.5'");
  }

  @Test
  void acceptsTheDeprecatedHexEcdsaKeyFormat() {
    Key rootKey = TufFixtures.ed25519("root");
    Key pem = TufFixtures.ecdsa("hex");
    byte[] spki = pem.keys().getPublic().getEncoded();
    ObjectNode hexJson = pem.json().deepCopy();
    ((ObjectNode) hexJson.get("keyval"))
        .put(
            "public",
            java.util.HexFormat.of()
                .formatHex(java.util.Arrays.copyOfRange(spki, spki.length - 65, spki.length)));
    Key hex = new Key("hex-key-id", hexJson, pem.keys(), pem.jcaAlgorithm());
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                EXPIRES, "root", new Key[] {rootKey}, 1, "timestamp", new Key[] {hex}, 1),
            rootKey);
    ObjectNode timestamp = TufFixtures.targetsSigned(EXPIRES, 9).put("_type", "timestamp");

    CanonicalEntry entry =
        kind.canonicalize(spec(TufFixtures.sign(timestamp, hex), root), Purpose.APPEND);

    assertThat(entry.searchKeys()).contains("timestamp", "9");
  }

  @Test
  void refusesMissingPartsAndUrls() {
    assertThatThrownBy(
            () -> kind.canonicalize(CanonicalJson.mapper().createObjectNode(), Purpose.APPEND))
        .hasMessage("root in body is required");
    JsonNode url =
        CanonicalJson.parse(
            "{\"root\":{\"url\":\"https://example.com/root.json\"},\"metadata\":{}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> kind.canonicalize(url, Purpose.APPEND))
        .hasMessageContaining("cannot be fetched");
  }
}
