package dev.waxseal.server.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EntryKindsTest {
  /** A kind that records what it was given and returns a fixed entry. */
  private static final class FixedKind implements EntryKind {
    private final String kind;
    private final String version;
    EntryKind.Purpose lastPurpose = EntryKind.Purpose.APPEND;

    FixedKind(String kind, String version) {
      this.kind = kind;
      this.version = version;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public String apiVersion() {
      return version;
    }

    @Override
    public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
      lastPurpose = purpose;
      return CanonicalEntry.of(kind, version, CanonicalJson.canonicalize(spec), List.of("Key"));
    }
  }

  private final FixedKind hashed = new FixedKind("hashedrekord", "0.0.1");
  private final FixedKind dsse = new FixedKind("dsse", "0.0.1");
  private final EntryKinds kinds = new EntryKinds(List.of(hashed, dsse));

  private static JsonNode json(String s) {
    return CanonicalJson.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String body, Reason reason, String message) {
    assertThatThrownBy(() -> kinds.canonicalize(json(body)))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.clientMessage()).isEqualTo("error processing entry: " + message);
            });
  }

  @Test
  void dispatchesByKindAndVersion() {
    CanonicalEntry entry =
        kinds.canonicalize(
            json("{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{\"b\":1,\"a\":2}}"));
    assertThat(entry.kind()).isEqualTo("dsse");
    assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":1}");
    assertThat(entry.searchKeys()).containsExactly("key");
    assertThat(dsse.lastPurpose).isEqualTo(EntryKind.Purpose.APPEND);
    kinds.canonicalizeForSearch(json("{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{}}"));
    assertThat(dsse.lastPurpose).isEqualTo(EntryKind.Purpose.SEARCH);
  }

  @Test
  void listsWhatIsSupported() {
    assertThat(kinds.supported()).isEqualTo("dsse 0.0.1, hashedrekord 0.0.1");
    assertThat(kinds.find("hashedrekord", "0.0.1")).isSameAs(hashed);
  }

  @Test
  void refusesUnknownKind() {
    assertRefused(
        "{\"kind\":\"rpm\",\"apiVersion\":\"0.0.1\",\"spec\":{}}",
        Reason.UNSUPPORTED_KIND,
        "unknown kind 'rpm' specified; this server accepts dsse 0.0.1, hashedrekord 0.0.1");
  }

  @Test
  void refusesUnsupportedVersion() {
    assertRefused(
        "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{}}",
        Reason.UNSUPPORTED_VERSION,
        "entry kind 'hashedrekord' does not support inserting entries of version '0.0.2';"
            + " this server accepts dsse 0.0.1, hashedrekord 0.0.1");
  }

  @Test
  void refusesMalformedEnvelopes() {
    assertRefused("[]", Reason.MALFORMED_ENTRY, "proposed entry must be a JSON object");
    assertRefused(
        "{\"apiVersion\":\"0.0.1\",\"spec\":{}}",
        Reason.MALFORMED_ENTRY,
        "kind in body is required");
    assertRefused(
        "{\"kind\":\"dsse\",\"spec\":{}}",
        Reason.MALFORMED_ENTRY,
        "apiVersion in body is required");
    assertRefused(
        "{\"kind\":1,\"apiVersion\":\"0.0.1\",\"spec\":{}}",
        Reason.MALFORMED_ENTRY,
        "kind in body must be of type string");
    assertRefused(
        "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\"}",
        Reason.MALFORMED_ENTRY,
        "spec in body is required");
    assertRefused(
        "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":\"x\"}",
        Reason.MALFORMED_ENTRY,
        "spec in body must be a JSON object");
  }

  @Test
  void refusesDuplicateRegistrations() {
    assertThatThrownBy(
            () -> new EntryKinds(List.of(hashed, new FixedKind("hashedrekord", "0.0.1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry kind hashedrekord 0.0.1 registered twice");
    assertThatThrownBy(() -> new EntryKinds(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalEntryCopiesBytesAndNormalizesKeys() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    CanonicalEntry entry =
        CanonicalEntry.withAttestation("k", "1", body, List.of("A", "a", "B"), new byte[] {1});
    body[0] = 'x';
    entry.body()[0] = 'y';
    assertThat(entry.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(entry.searchKeys()).containsExactly("a", "b");
    assertThat(entry.attestation()).hasValueSatisfying(a -> assertThat(a).containsExactly(1));
    assertThat(entry.uuid()).hasSize(64);
  }
}
