package dev.waxseal.server.entries.helm;

import static dev.waxseal.server.entries.helm.Provenance.malformed;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.SpecFields;
import dev.waxseal.server.entries.pgp.PgpArmor;
import dev.waxseal.server.entries.pgp.PgpKeyRing;
import dev.waxseal.server.entries.pgp.PgpPackets;
import dev.waxseal.server.entries.pgp.PgpSignatures;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code helm} 0.0.1, as Rekor v1's {@code pkg/types/helm/v0.0.1/entry.go}.
 *
 * <p>The client sends {@code spec.chart.provenance.content} (base64 of the chart's {@code .prov}
 * file, an OpenPGP clear-signed message) and {@code spec.publicKey.content} (base64 of an OpenPGP
 * public key, armored or binary). The clear signature is verified with the key; the chart's hash is
 * the {@code files:} checksum inside the signed text. The stored body keeps the key in Rekor's
 * canonical OpenPGP encoding, {@code chart.hash} and {@code chart.provenance.signature.content}
 * (the signature re-armored as Go does); the provenance itself is not stored. A {@code
 * chart.provenance.signature} sent by the client is ignored, as Rekor ignores it.
 *
 * <p>Search keys: the hex SHA-256 of the canonical key, the key's user-ID emails, and {@code
 * <algorithm>:<hash>} lower-cased.
 *
 * <p>Thread-safe; share one instance.
 */
public final class HelmKind implements EntryKind {
  /** The kind name. */
  public static final String KIND = "helm";

  /** The version implemented. */
  public static final String API_VERSION = "0.0.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  /**
   * The stored key's hash and e-mail addresses and {@code chart.hash}, which the stored body keeps
   * (the provenance file it was read from is not stored).
   */
  @Override
  public List<String> storedSearchKeys(JsonNode spec, byte @Nullable [] attestation) {
    PgpKeyRing ring = PgpKeyRing.parse(SpecFields.storedPublicKey(spec));
    JsonNode chart = SpecFields.object(spec, "chart");
    JsonNode hash = chart == null ? null : SpecFields.object(chart, "hash");
    JsonNode algorithm = hash == null ? null : hash.get("algorithm");
    JsonNode value = hash == null ? null : hash.get("value");
    if (algorithm == null || !algorithm.isString() || value == null || !value.isString()) {
      throw malformed("a stored helm spec has chart.hash {algorithm, value}");
    }
    byte[] canonicalKey = ring.canonicalArmored();
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(canonicalKey)));
    searchKeys.addAll(ring.emails());
    searchKeys.add(algorithm.stringValue() + ":" + value.stringValue());
    return searchKeys;
  }

  @Override
  public CanonicalEntry canonicalize(JsonNode spec, Purpose purpose) {
    JsonNode publicKey = SpecFields.object(spec, "publicKey");
    JsonNode chart = SpecFields.object(spec, "chart");
    if (publicKey == null) {
      throw malformed("publicKey in body is required");
    }
    if (chart == null) {
      throw malformed("chart in body is required");
    }
    JsonNode provenanceNode = SpecFields.object(chart, "provenance");
    if (provenanceNode == null) {
      throw malformed("chart.provenance in body is required");
    }
    SpecFields.refuseUrl(provenanceNode, "chart.provenance", "chart.provenance.content");
    SpecFields.refuseUrl(publicKey, "publicKey", "publicKey.content");
    byte[] keyBytes = SpecFields.content(publicKey, "publicKey content");
    if (keyBytes.length == 0) {
      throw malformed("'content' must be specified for publicKey");
    }
    byte[] file = SpecFields.content(provenanceNode, "provenance content");
    JsonNode sentSignature = SpecFields.object(provenanceNode, "signature");
    if (file.length == 0 && (sentSignature == null || sentSignature.get("content") == null)) {
      throw malformed("'content' must be specified for provenance");
    }
    if (file.length == 0) {
      // Rekor's Insertable(), checked before Canonicalize: a signature alone is not an entry.
      throw malformed("entry not insertable into log: missing provenance content");
    }
    PgpKeyRing ring = PgpKeyRing.parse(keyBytes);
    Provenance provenance = Provenance.parse(file);
    byte[] signaturePackets =
        PgpArmor.decode(provenance.armoredSignature())
            .orElseThrow(
                () ->
                    new InvalidEntryException(
                        Reason.INVALID_SIGNATURE, "Unable to decode provenance file"))
            .data();
    PGPSignature signature = PgpSignatures.read(signaturePackets);
    PgpSignatures.verify(signature, ring, provenance.signedText());
    String[] hash = chartHash(provenance.chartHash());
    byte[] canonicalKey = ring.canonicalArmored();
    byte[] canonicalSignature = PgpPackets.armor(PgpArmor.SIGNATURE_TYPE, signaturePackets);
    byte[] body = CanonicalJson.canonicalize(body(canonicalKey, hash, canonicalSignature));
    List<String> searchKeys = new ArrayList<>();
    searchKeys.add(HEX.formatHex(Rfc6962.sha256(canonicalKey)));
    searchKeys.addAll(ring.emails());
    searchKeys.add(hash[0] + ":" + hash[1]);
    return CanonicalEntry.of(KIND, API_VERSION, body, searchKeys);
  }

  /** {@code GetChartAlgorithmHash}: the checksum split at its one colon. */
  private static String[] chartHash(@Nullable String value) {
    if (value == null) {
      throw malformed("Unable to locate chart hash");
    }
    String[] parts = value.split(":", -1);
    if (parts.length != 2) {
      throw malformed("Invalid hash found in Provenance file");
    }
    return parts;
  }

  private static ObjectNode body(byte[] key, String[] hash, byte[] signature) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode chart = NODES.objectNode();
    chart.set("hash", NODES.objectNode().put("algorithm", hash[0]).put("value", hash[1]));
    ObjectNode provenance = NODES.objectNode();
    provenance.set("signature", NODES.objectNode().put("content", b64.encodeToString(signature)));
    chart.set("provenance", provenance);
    ObjectNode spec = NODES.objectNode();
    spec.set("chart", chart);
    spec.set("publicKey", NODES.objectNode().put("content", b64.encodeToString(key)));
    ObjectNode entry = NODES.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    entry.set("spec", spec);
    return entry;
  }
}
