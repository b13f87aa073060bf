package dev.waxseal.server.entries.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import dev.waxseal.server.entries.pgp.PgpPackets;
import dev.waxseal.server.entries.pgp.PgpTestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** helm 0.0.1 with provenance files clear-signed here with bcpg, as {@code helm package --sign}. */
class HelmKindTest {
  static final String CHART_SHA256 =
      "8b3b1c2a6d6f8a2e1c0e9d7f4b5a69788766554433221100ffeeddccbbaa9988";
  static final String PROVENANCE_TEXT =
      "apiVersion: v2\n"
          + "description: A demo chart\n"
          + "name: demo\n"
          + "type: application\n"
          + "version: 0.1.0\n"
          + "\n"
          + "...\n"
          + "files:\n"
          + "  demo-0.1.0.tgz: sha256:"
          + CHART_SHA256
          + "\n";

  private static final HelmKind KIND = new HelmKind();
  private static PgpTestKeys.Ring alice;

  @BeforeAll
  static void keys() throws Exception {
    alice = PgpTestKeys.rsa("Alice Example <alice@example.com>", 11);
  }

  static String request(byte[] provenance, byte[] publicKey) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"chart\":{\"provenance\":{\"content\":\""
        + b64.encodeToString(provenance)
        + "\"}},\"publicKey\":{\"content\":\""
        + b64.encodeToString(publicKey)
        + "\"}}";
  }

  private static CanonicalEntry canonicalize(String spec) {
    return KIND.canonicalize(
        CanonicalJson.parse(spec.getBytes(StandardCharsets.UTF_8)), Purpose.APPEND);
  }

  private static byte[] signaturePackets(byte[] provenance) throws Exception {
    String text = new String(provenance, StandardCharsets.US_ASCII);
    byte[] armored =
        text.substring(text.indexOf("-----BEGIN PGP SIGNATURE-----"))
            .getBytes(StandardCharsets.US_ASCII);
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      return in.readAllBytes();
    }
  }

  @Test
  void storesKeyChartHashAndReArmoredSignature() throws Exception {
    byte[] provenance = alice.clearSign(PROVENANCE_TEXT);
    byte[] key = alice.armoredPublicKey();

    CanonicalEntry entry = canonicalize(request(provenance, key));

    byte[] canonicalKey = PgpKeyRing.parse(key).canonicalArmored();
    byte[] signature = PgpPackets.armor("PGP SIGNATURE", signaturePackets(provenance));
    Base64.Encoder b64 = Base64.getEncoder();
    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"helm\",\"spec\":{\"chart\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\""
                + CHART_SHA256
                + "\"},\"provenance\":{\"signature\":{\"content\":\""
                + b64.encodeToString(signature)
                + "\"}}},\"publicKey\":{\"content\":\""
                + b64.encodeToString(canonicalKey)
                + "\"}}}");
    assertThat(entry.searchKeys())
        .containsExactly(
            HexFormat.of().formatHex(Rfc6962.sha256(canonicalKey)),
            "alice@example.com",
            "sha256:" + CHART_SHA256);
  }

  @Test
  void ignoresASignatureTheClientSends() throws Exception {
    byte[] provenance = alice.clearSign(PROVENANCE_TEXT);
    byte[] key = alice.armoredPublicKey();
    String withSignature =
        request(provenance, key)
            .replace("{\"content\"", "{\"signature\":{\"content\":\"AAAA\"},\"content\"");

    assertThat(canonicalize(withSignature)).isEqualTo(canonicalize(request(provenance, key)));
  }

  @Test
  void acceptsDashEscapedLinesAndTrailingBlanks() throws Exception {
    String text = PROVENANCE_TEXT.replace("name: demo\n", "name: demo   \n- dashed: line\n");

    CanonicalEntry entry = canonicalize(request(alice.clearSign(text), alice.armoredPublicKey()));

    assertThat(entry.searchKeys()).contains("sha256:" + CHART_SHA256);
  }

  @Test
  void rejectsATamperedChartHash() throws Exception {
    byte[] provenance = alice.clearSign(PROVENANCE_TEXT);
    String tampered =
        new String(provenance, StandardCharsets.US_ASCII)
            .replace(CHART_SHA256, "0" + CHART_SHA256.substring(1));

    assertThatThrownBy(
            () ->
                canonicalize(
                    request(
                        tampered.getBytes(StandardCharsets.US_ASCII), alice.armoredPublicKey())))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE));
  }

  @Test
  void rejectsAnotherKey() throws Exception {
    PgpTestKeys.Ring bob = PgpTestKeys.rsa("Bob <bob@example.org>", 12);

    assertThatThrownBy(
            () -> canonicalize(request(alice.clearSign(PROVENANCE_TEXT), bob.armoredPublicKey())))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
              assertThat(e.getMessage()).startsWith("openpgp: signature made by unknown entity");
            });
  }

  @Test
  void rejectsAProvenanceWithoutFiles() throws Exception {
    String text = PROVENANCE_TEXT.substring(0, PROVENANCE_TEXT.indexOf("files:")) + "images: {}\n";

    assertThatThrownBy(() -> canonicalize(request(alice.clearSign(text), alice.armoredPublicKey())))
        .hasMessage("Unable to locate chart hash");
  }

  @Test
  void rejectsAProvenanceWithOnePart() throws Exception {
    assertThatThrownBy(
            () ->
                canonicalize(
                    request(alice.clearSign("name: demo\nversion: 1\n"), alice.armoredPublicKey())))
        .hasMessage(
            "Error occurred parsing message block: message block must have at least two parts");
  }

  @Test
  void rejectsANonClearSignedFile() throws Exception {
    byte[] detached = alice.armoredPublicKey();

    assertThatThrownBy(() -> canonicalize(request(detached, alice.armoredPublicKey())))
        .hasMessage("Unable to decode provenance file");
  }

  @Test
  void namesMissingFieldsAsRekor() throws Exception {
    String key = Base64.getEncoder().encodeToString(alice.armoredPublicKey());
    assertThatThrownBy(() -> canonicalize("{\"chart\":{\"provenance\":{}}}"))
        .hasMessage("publicKey in body is required");
    assertThatThrownBy(() -> canonicalize("{\"publicKey\":{\"content\":\"" + key + "\"}}"))
        .hasMessage("chart in body is required");
    assertThatThrownBy(
            () ->
                canonicalize(
                    "{\"chart\":{\"provenance\":{}},\"publicKey\":{\"content\":\"" + key + "\"}}"))
        .hasMessage("'content' must be specified for provenance");
    assertThatThrownBy(
            () ->
                canonicalize(
                    "{\"chart\":{\"provenance\":{\"signature\":{\"content\":\"AAAA\"}}},"
                        + "\"publicKey\":{\"content\":\""
                        + key
                        + "\"}}"))
        .hasMessage("entry not insertable into log: missing provenance content");
    assertThatThrownBy(
            () -> canonicalize("{\"chart\":{\"provenance\":{}},\"publicKey\":{\"content\":\"\"}}"))
        .hasMessage("'content' must be specified for publicKey");
    assertThatThrownBy(
            () ->
                canonicalize(
                    "{\"chart\":{\"provenance\":{\"url\":\"https://example.com/x.prov\"}},"
                        + "\"publicKey\":{\"content\":\""
                        + key
                        + "\"}}"))
        .hasMessageStartingWith("chart.provenance.url is not supported");
  }
}
