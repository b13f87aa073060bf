package dev.waxseal.server.entries.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.tuf.TufFixtures.Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code publicKey} search key of format {@code tuf}: a root.json searched for finds the
 * entries logged with it, under the key Rekor v1.5.4 computes for the same file.
 */
class TufSearchKeyTest {
  /** Rekor's key for {@code sigstore-root-v5.json} (see the resource README for how it was got). */
  private static final String SIGSTORE_ROOT_V5_KEY =
      "bab70d325ffe12c0a927ad3393a92d9a8c8321a8bf84f08955840680e5ed716f";

  /** Rekor's key for {@code rekor-other-root.json}. */
  private static final String OTHER_ROOT_KEY =
      "4324d36e1a799b0d0ca9920d45f559848d970a7931d34038e4762ab404a4090b";

  private static final Clock BEFORE_V5_EXPIRED =
      Clock.fixed(Instant.parse("2023-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);

  static byte[] resource(String name) throws IOException {
    try (InputStream in = TufSearchKeyTest.class.getResourceAsStream("/entries/tuf/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  private static ObjectNode spec(JsonNode metadata, JsonNode root) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("metadata").set("content", metadata);
    spec.putObject("root").set("content", root);
    return spec;
  }

  private static String lastSearchKey(CanonicalEntry entry) {
    List<String> keys = entry.searchKeys();
    return keys.get(keys.size() - 1);
  }

  @Test
  void theRealSigstoreRootGivesRekorsKeyWhicheverWayItIsFormatted() throws IOException {
    TufKind kind = new TufKind(BEFORE_V5_EXPIRED);
    byte[] file = resource("sigstore-root-v5.json");
    JsonNode root = CanonicalJson.parse(file);
    byte[] compact = root.toString().getBytes(StandardCharsets.UTF_8);

    assertThat(kind.publicKeySearchKey("tuf", file)).contains(SIGSTORE_ROOT_V5_KEY);
    assertThat(compact).isNotEqualTo(file);
    assertThat(kind.publicKeySearchKey("tuf", compact)).contains(SIGSTORE_ROOT_V5_KEY);
    // The root logged as its own metadata: its one hash is indexed once, and it is the same key.
    assertThat(kind.canonicalize(spec(root, root), Purpose.APPEND).searchKeys())
        .containsExactly(SIGSTORE_ROOT_V5_KEY, "root", "5");
  }

  @Test
  void anotherRealRootGivesItsOwnKey() throws IOException {
    TufKind kind = new TufKind(NOW);
    byte[] file = resource("rekor-other-root.json");

    assertThat(kind.publicKeySearchKey("tuf", file)).contains(OTHER_ROOT_KEY);
    JsonNode root = CanonicalJson.parse(file);
    assertThat(kind.canonicalize(spec(root, root), Purpose.APPEND).searchKeys())
        .containsExactly(OTHER_ROOT_KEY, "root", "1");
  }

  @Test
  void aRootSearchedForIsTheKeyItsTargetsWereIndexedUnder() {
    TufKind kind = new TufKind(NOW);
    Key rootKey = TufFixtures.ed25519("search-root");
    Key targetsKey = TufFixtures.ecdsa("search-targets");
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                "2030-01-01T00:00:00Z",
                "root",
                new Key[] {rootKey},
                1,
                "targets",
                new Key[] {targetsKey},
                1),
            rootKey);
    ObjectNode targets =
        TufFixtures.sign(TufFixtures.targetsSigned("2030-01-01T00:00:00Z", 2), targetsKey);
    CanonicalEntry entry = kind.canonicalize(spec(targets, root), Purpose.APPEND);

    Optional<String> key =
        kind.publicKeySearchKey("tuf", root.toPrettyString().getBytes(StandardCharsets.UTF_8));

    assertThat(key).contains(lastSearchKey(entry));
    assertThat(entry.searchKeys().subList(0, 3)).doesNotContain(key.orElseThrow());
  }

  @Test
  void indexesNoKeyOfAnotherFormat() throws IOException {
    TufKind kind = new TufKind(BEFORE_V5_EXPIRED);
    byte[] file = resource("sigstore-root-v5.json");
    for (String format : List.of("x509", "pgp", "minisign", "ssh")) {
      assertThat(kind.publicKeySearchKey(format, file)).as(format).isEmpty();
    }
  }

  @Test
  void refusesAnExpiredATamperedAnUnsignedAndANonJsonRoot() throws IOException {
    byte[] file = resource("sigstore-root-v5.json");
    assertThatThrownBy(() -> new TufKind(NOW).publicKeySearchKey("tuf", file))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("tuf: root metadata expired at 2023-04-18T18:13:43Z");

    TufKind kind = new TufKind(BEFORE_V5_EXPIRED);
    ObjectNode tampered = (ObjectNode) CanonicalJson.parse(file);
    ((ObjectNode) tampered.get("signed")).put("version", 6);
    assertThatThrownBy(
            () ->
                kind.publicKeySearchKey(
                    "tuf", tampered.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage("tuf: signature verification failed");

    ObjectNode unsigned = (ObjectNode) CanonicalJson.parse(file);
    unsigned.putArray("signatures");
    assertThatThrownBy(
            () ->
                kind.publicKeySearchKey(
                    "tuf", unsigned.toString().getBytes(StandardCharsets.UTF_8)))
        .hasMessage("tuf: data has no signatures");

    for (String notARoot : List.of("", "\u0000", "[1]", "\"root\"", "{\"signed\":")) {
      assertThatThrownBy(
              () -> kind.publicKeySearchKey("tuf", notARoot.getBytes(StandardCharsets.UTF_8)))
          .as(notARoot)
          .isInstanceOf(InvalidEntryException.class)
          .hasMessage("tuf: the key must be a TUF root.json, a JSON object");
    }
  }
}
