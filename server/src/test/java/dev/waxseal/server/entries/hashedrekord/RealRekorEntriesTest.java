package dev.waxseal.server.entries.hashedrekord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Real hashedrekord 0.0.1 entries from Rekor v1 logs: the proposed entry a client would have sent
 * is rebuilt from each stored body, canonicalized, and must give the same bytes, the same UUID and
 * a leaf that the real log's inclusion proof places under its real root.
 *
 * <p>Six distinct real entries (every distinct hashedrekord 0.0.1 body in the shared fixtures).
 */
class RealRekorEntriesTest {
  private static final EntryKinds KINDS =
      new EntryKinds(List.of(HashedRekordKind.withRekorDefaults()));

  /** Where a fixture keeps the body, the inclusion proof, and (if it says) the UUID. */
  record Fixture(
      String file,
      Function<JsonNode, String> body,
      Function<JsonNode, Proof> proof,
      String expectedUuid) {
    @Override
    public String toString() {
      return file;
    }
  }

  record Proof(long index, long size, Hash root, List<Hash> hashes) {}

  static List<Arguments> fixtures() {
    return List.of(
        Arguments.of(
            bundle(
                "conformance-happy-path-v0.3.bundle.sigstore.json",
                "aee3c920bb1132e929ed20e1c194579a60e95849f7a554e0033fdd26ee221629")),
        Arguments.of(bundle("private-instance-othername.sigstore.json", "")),
        Arguments.of(bundle("sigstore-java-bundle.v3_1.sigstore.json", "")),
        Arguments.of(
            bundle("sigstore-java-bundle-with-bad-checkpoint-signature.sigstore.json", "")),
        Arguments.of(
            new Fixture(
                "sigstore-java-rekor-response-entry.json",
                j -> first(j).get("body").stringValue(),
                j -> hexProof(first(j).get("verification").get("inclusionProof")),
                "ac3650aee1c1b3821211cf07067c1a118d0a7f86867bbb1df340cb8fc9c221af")),
        Arguments.of(
            new Fixture(
                "public-good-logindex-800000000.json",
                j -> j.get("body").stringValue(),
                j ->
                    new Proof(
                        j.get("log_index").longValue(),
                        j.get("tree_size").longValue(),
                        Hash.fromHex(j.get("root_hash").stringValue()),
                        hexes(j.get("hashes"))),
                "")));
  }

  private static Fixture bundle(String file, String uuid) {
    return new Fixture(
        file,
        j -> tlogEntry(j).get("canonicalizedBody").stringValue(),
        j -> {
          JsonNode p = tlogEntry(j).get("inclusionProof");
          List<Hash> hashes = new ArrayList<>();
          p.get("hashes").values().forEach(h -> hashes.add(Hash.fromBase64(h.stringValue())));
          return new Proof(
              Long.parseLong(p.get("logIndex").stringValue()),
              Long.parseLong(p.get("treeSize").stringValue()),
              Hash.fromBase64(p.get("rootHash").stringValue()),
              hashes);
        },
        uuid);
  }

  private static JsonNode tlogEntry(JsonNode bundle) {
    return bundle.get("verificationMaterial").get("tlogEntries").get(0);
  }

  private static JsonNode first(JsonNode logEntry) {
    return logEntry.values().iterator().next();
  }

  private static Proof hexProof(JsonNode p) {
    return new Proof(
        p.get("logIndex").longValue(),
        p.get("treeSize").longValue(),
        Hash.fromHex(p.get("rootHash").stringValue()),
        hexes(p.get("hashes")));
  }

  private static List<Hash> hexes(JsonNode array) {
    List<Hash> hashes = new ArrayList<>();
    array.values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    return hashes;
  }

  private static JsonNode load(String file) throws IOException {
    try (InputStream in =
        RealRekorEntriesTest.class.getResourceAsStream("/entries/rekor-v1/" + file)) {
      assertThat(in).as(file).isNotNull();
      return CanonicalJson.parse(in.readAllBytes());
    }
  }

  /**
   * The request a client sends: the stored fields, in another member order, pretty-printed, with
   * the PEM re-wrapped at 76 columns with CRLF line ends (the server must re-encode it).
   */
  private static String proposedEntry(JsonNode storedBody) {
    JsonNode spec = storedBody.get("spec");
    JsonNode hash = spec.get("data").get("hash");
    String signature = spec.get("signature").get("content").stringValue();
    byte[] pem =
        Base64.getDecoder()
            .decode(spec.get("signature").get("publicKey").get("content").stringValue());
    String clientPem = rewrap(new String(pem, StandardCharsets.US_ASCII));
    return "{\n  \"spec\": {\n    \"signature\": {\n      \"publicKey\": {\"content\": \""
        + Base64.getEncoder().encodeToString(clientPem.getBytes(StandardCharsets.US_ASCII))
        + "\"},\n      \"content\": \""
        + signature
        + "\"\n    },\n"
        + "    \"data\": {\"hash\": {\"value\": \""
        + hash.get("value").stringValue()
        + "\", \"algorithm\": \""
        + hash.get("algorithm").stringValue()
        + "\"}}\n  },\n"
        + "  \"apiVersion\": \"0.0.1\",\n  \"kind\": \"hashedrekord\"\n}\n";
  }

  private static String rewrap(String goPem) {
    String[] lines = goPem.strip().split("\n");
    StringBuilder base64 = new StringBuilder();
    for (int i = 1; i < lines.length - 1; i++) {
      base64.append(lines[i]);
    }
    StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 0; i < base64.length(); i += 76) {
      out.append(base64, i, Math.min(base64.length(), i + 76)).append("\r\n");
    }
    return out.append(lines[lines.length - 1]).toString(); // and no final newline
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void rebuildsTheStoredBodyByteForByte(Fixture fixture) throws IOException {
    JsonNode json = load(fixture.file());
    byte[] storedBody = Base64.getDecoder().decode(fixture.body().apply(json));
    String proposed = proposedEntry(CanonicalJson.parse(storedBody));

    CanonicalEntry entry =
        KINDS.canonicalize(CanonicalJson.parse(proposed.getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(storedBody, StandardCharsets.UTF_8));
    assertThat(entry.body()).isEqualTo(storedBody);
    assertThat(entry.leafHash()).isEqualTo(Rfc6962.leafHash(storedBody));
    if (!fixture.expectedUuid().isEmpty()) {
      assertThat(entry.uuid()).isEqualTo(fixture.expectedUuid());
    }
    Proof proof = fixture.proof().apply(json);
    assertThat(rootFromInclusionProof(proof, entry.leafHash()))
        .as("root computed from our leaf hash and the log's inclusion proof")
        .isEqualTo(proof.root());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void searchKeysAreRekors(Fixture fixture) throws IOException {
    JsonNode json = load(fixture.file());
    byte[] storedBody = Base64.getDecoder().decode(fixture.body().apply(json));
    JsonNode stored = CanonicalJson.parse(storedBody);
    CanonicalEntry entry =
        KINDS.canonicalize(
            CanonicalJson.parse(proposedEntry(stored).getBytes(StandardCharsets.UTF_8)));

    byte[] storedPem =
        Base64.getDecoder()
            .decode(
                stored.get("spec").get("signature").get("publicKey").get("content").stringValue());
    JsonNode hash = stored.get("spec").get("data").get("hash");
    List<String> keys = entry.searchKeys();
    assertThat(keys.get(0)).isEqualTo(HexFormat.of().formatHex(Rfc6962.sha256(storedPem)));
    assertThat(keys.get(keys.size() - 1))
        .isEqualTo(hash.get("algorithm").stringValue() + ":" + hash.get("value").stringValue());
    assertThat(keys.size()).as("at least one certificate subject").isGreaterThan(2);
    assertThat(Pem.decodeFirst(storedPem).orElseThrow().type()).isEqualTo("CERTIFICATE");
    keys.forEach(k -> assertThat(k).isLowerCase());
  }

  /** The certificate subjects of three real entries, as Rekor's index holds them. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "conformance-happy-path-v0.3.bundle.sigstore.json, https://github.com/sigstore-conformance/"
        + "extremely-dangerous-public-oidc-beacon/.github/workflows/"
        + "extremely-dangerous-oidc-beacon.yml@refs/heads/main",
    "sigstore-java-bundle.v3_1.sigstore.json, appu@google.com",
    "private-instance-othername.sigstore.json, foo!oidc.local"
  })
  void indexesTheCertificateSubject(String file, String subject) throws IOException {
    Fixture fixture = bundle(file, "");
    byte[] storedBody = Base64.getDecoder().decode(fixture.body().apply(load(file)));
    JsonNode stored = CanonicalJson.parse(storedBody);
    CanonicalEntry entry =
        KINDS.canonicalize(
            CanonicalJson.parse(proposedEntry(stored).getBytes(StandardCharsets.UTF_8)));
    JsonNode hash = stored.get("spec").get("data").get("hash");
    assertThat(entry.searchKeys()).hasSize(3).element(1).isEqualTo(subject);
    assertThat(entry.searchKeys().get(2)).isEqualTo("sha256:" + hash.get("value").stringValue());
  }

  /** RFC 9162 §2.1.3.2, computed independently of the server code. */
  private static Hash rootFromInclusionProof(Proof proof, Hash leaf) {
    long fn = proof.index();
    long sn = proof.size() - 1;
    Hash r = leaf;
    for (Hash p : proof.hashes()) {
      assertThat(sn).isNotZero();
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    assertThat(sn).isZero();
    return r;
  }
}
