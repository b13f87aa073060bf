package dev.waxseal.server.entries.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading real Sigstore bundles from the test resources, and checking their inclusion proofs. */
public final class RealEntries {
  private RealEntries() {}

  /** A bundle from {@code /entries/rekor-v1/}. */
  public static JsonNode bundle(String file) throws IOException {
    try (InputStream in = RealEntries.class.getResourceAsStream("/entries/rekor-v1/" + file)) {
      assertThat(in).as(file).isNotNull();
      return CanonicalJson.parse(in.readAllBytes());
    }
  }

  /** The first transparency-log entry of a bundle. */
  public static JsonNode tlogEntry(JsonNode bundle) {
    return bundle.get("verificationMaterial").get("tlogEntries").get(0);
  }

  /** The canonical body Rekor stored. */
  public static byte[] storedBody(JsonNode bundle) {
    return Base64.getDecoder().decode(tlogEntry(bundle).get("canonicalizedBody").stringValue());
  }

  /** The signing certificate, as PEM, from either bundle shape. */
  public static byte[] certificatePem(JsonNode bundle) {
    JsonNode material = bundle.get("verificationMaterial");
    JsonNode cert = material.get("certificate");
    if (cert == null) {
      cert = material.get("x509CertificateChain").get("certificates").get(0);
    }
    return Pem.encode(
        "CERTIFICATE", Base64.getDecoder().decode(cert.get("rawBytes").stringValue()));
  }

  /**
   * The root an inclusion proof gives for {@code leaf} (RFC 9162 §2.1.3.2), computed here
   * independently of the server code; null if the bundle has no proof.
   */
  public static Hash proofRoot(JsonNode bundle, Hash leaf) {
    JsonNode p = tlogEntry(bundle).get("inclusionProof");
    long fn = Long.parseLong(p.get("logIndex").stringValue());
    long sn = Long.parseLong(p.get("treeSize").stringValue()) - 1;
    List<Hash> hashes = new ArrayList<>();
    p.get("hashes").values().forEach(h -> hashes.add(Hash.fromBase64(h.stringValue())));
    Hash r = leaf;
    for (Hash h : hashes) {
      assertThat(sn).isNotZero();
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(h, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, h);
      }
      fn >>= 1;
      sn >>= 1;
    }
    assertThat(sn).isZero();
    return r;
  }

  /** The root hash the bundle's inclusion proof claims. */
  public static Hash claimedRoot(JsonNode bundle) {
    return Hash.fromBase64(tlogEntry(bundle).get("inclusionProof").get("rootHash").stringValue());
  }

  /** True if the bundle carries an inclusion proof. */
  public static boolean hasProof(JsonNode bundle) {
    JsonNode p = tlogEntry(bundle).get("inclusionProof");
    return p != null && !p.isNull();
  }

  /** PEM re-wrapped at 76 columns with CRLF and no final newline: not Go's layout. */
  public static String rewrap(byte[] goPem) {
    String[] lines =
        new String(goPem, java.nio.charset.StandardCharsets.US_ASCII).strip().split("\n");
    StringBuilder base64 = new StringBuilder();
    for (int i = 1; i < lines.length - 1; i++) {
      base64.append(lines[i]);
    }
    StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 0; i < base64.length(); i += 76) {
      out.append(base64, i, Math.min(base64.length(), i + 76)).append("\r\n");
    }
    return out.append(lines[lines.length - 1]).toString();
  }
}
