package dev.waxseal.client.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.Fixtures;
import dev.waxseal.client.rekor.LogEntry;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryDecoderTest {
  private static final String CONFORMANCE_IDENTITY =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";

  @Test
  void decodesRekorV2HashedrekordCertificate() {
    LogEntry entry = Fixtures.bundleEntry("rekor-v2/rekor2-happy-path.bundle.sigstore.json");
    DecodedEntry decoded = EntryDecoder.decode(entry.body(), Optional.empty());
    assertEquals("hashedrekord", decoded.kind());
    assertEquals("0.0.2", decoded.apiVersion());
    assertEquals(Set.of(CONFORMANCE_IDENTITY), decoded.uris());
    assertEquals(Set.of("https://token.actions.githubusercontent.com"), decoded.issuers());
    assertEquals(
        Set.of("sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"),
        decoded.digests());
    assertEquals(1, decoded.fingerprints().size());
  }

  @Test
  void decodesPublicGoodHashedrekordV1() {
    LogEntry entry =
        Fixtures.bundleEntry("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json");
    DecodedEntry decoded = EntryDecoder.decode(entry.body(), Optional.empty());
    assertEquals("hashedrekord", decoded.kind());
    assertEquals(Set.of(CONFORMANCE_IDENTITY), decoded.uris());
    assertEquals(Set.of("https://token.actions.githubusercontent.com"), decoded.issuers());
    assertTrue(
        decoded
            .digests()
            .contains("sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"),
        decoded.digests().toString());
  }

  @Test
  void decodesIntotoV2WithStatementSubjects() {
    LogEntry entry = Fixtures.bundleEntry("rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json");
    byte[] statement =
        java.util.Base64.getDecoder()
            .decode(
                Fixtures.json("rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json")
                    .path("dsseEnvelope")
                    .path("payload")
                    .stringValue());
    DecodedEntry decoded = EntryDecoder.decode(entry.body(), Optional.of(statement));
    assertEquals("intoto", decoded.kind());
    assertEquals(
        Set.of(
            "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"),
        decoded.uris());
    assertEquals(Set.of("https://token.actions.githubusercontent.com"), decoded.issuers());
    assertEquals(1, decoded.subjects().size(), decoded.subjects().toString());
    assertTrue(
        decoded.subjects().iterator().next().startsWith("sha512:"), decoded.subjects().toString());
  }

  @Test
  void extensionContentsAreStrictDer() {
    assertEquals(
        "ab",
        new String(FulcioCertificate.contents(new byte[] {0x0c, 2, 'a', 'b'}, 0x0c).orElseThrow()));
    assertTrue(FulcioCertificate.contents(new byte[] {0x0c, 3, 'a', 'b'}, 0x0c).isEmpty());
    assertTrue(FulcioCertificate.contents(new byte[] {0x04, 2, 'a', 'b'}, 0x0c).isEmpty());
  }
}
