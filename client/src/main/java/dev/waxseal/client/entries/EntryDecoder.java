package dev.waxseal.client.entries;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.verify.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a canonical entry body (Rekor v1 of any kind, or Rekor v2) into a {@link DecodedEntry}.
 *
 * <p>The decoder walks the body instead of knowing each kind's schema: keys and certificates sit in
 * fields named {@code content}, {@code publicKey}, {@code verifier} or {@code rawBytes} (base64 PEM
 * in v1, base64 DER in v2); digests are objects {@code {algorithm, value}} (v1, hex) or {@code
 * {algorithm, digest}} (v2, base64). A new kind therefore needs no code, and a field that is not a
 * key or certificate is simply not one. PGP, SSH and minisign keys are not decoded.
 */
public final class EntryDecoder {
  private static final Set<String> KEY_FIELDS = Set.of("content", "publicKey", "verifier");

  private EntryDecoder() {}

  /**
   * Decodes {@code body}; {@code attestation} is the statement Rekor stored beside an intoto entry,
   * whose subjects the body no longer carries.
   *
   * @throws IllegalArgumentException if the body is not JSON
   */
  public static DecodedEntry decode(byte[] body, Optional<byte[]> attestation) {
    JsonNode json = Json.parse(body, "entry body");
    Collector found = new Collector();
    found.walk(json, "");
    attestation.ifPresent(statement -> found.statement(statement));
    return new DecodedEntry(
        json.path("kind").asString(""),
        json.path("apiVersion").asString(""),
        found.emails,
        found.uris,
        found.issuers,
        found.fingerprints,
        found.digests,
        found.subjects);
  }

  private static final class Collector {
    final Set<String> emails = new TreeSet<>();
    final Set<String> uris = new TreeSet<>();
    final Set<String> issuers = new TreeSet<>();
    final Set<String> fingerprints = new TreeSet<>();
    final Set<String> digests = new TreeSet<>();
    final Set<String> subjects = new TreeSet<>();

    void walk(JsonNode node, String field) {
      if (node.isObject()) {
        digest(node);
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          walk(member.getValue(), member.getKey());
        }
      } else if (node.isArray()) {
        for (JsonNode element : node) {
          walk(element, field);
        }
      } else if (node.isString()) {
        if (KEY_FIELDS.contains(field)) {
          keyOrCertificate(node.stringValue(), false);
        } else if (field.equals("rawBytes")) {
          keyOrCertificate(node.stringValue(), true);
        } else if (field.equals("payload")) {
          decodeBase64(node.stringValue()).ifPresent(this::statement);
        }
      }
    }

    void digest(JsonNode object) {
      JsonNode algorithm = object.get("algorithm");
      if (algorithm == null || !algorithm.isString()) {
        return;
      }
      String alg = algorithm.stringValue().toLowerCase(Locale.ROOT);
      JsonNode value = object.get("value");
      JsonNode digest = object.get("digest");
      if (value != null && value.isString()) {
        digests.add(alg + ":" + value.stringValue().toLowerCase(Locale.ROOT));
      } else if (digest != null && digest.isString()) {
        String name = alg.replace("sha2_", "sha");
        decodeBase64(digest.stringValue())
            .ifPresent(bytes -> digests.add(name + ":" + HexFormat.of().formatHex(bytes)));
      }
    }

    void keyOrCertificate(String base64, boolean der) {
      Optional<byte[]> bytes = decodeBase64(base64);
      if (bytes.isEmpty()) {
        return;
      }
      try {
        if (!der) {
          String pem = new String(bytes.get(), StandardCharsets.UTF_8);
          if (!pem.startsWith("-----BEGIN ")) {
            return;
          }
          String type = PublicKeys.pemType(pem);
          if (type.equals("CERTIFICATE")) {
            certificate(PublicKeys.certificate(PublicKeys.pemBody(pem)));
          } else if (type.equals("PUBLIC KEY")) {
            key(PublicKeys.fromSpki(PublicKeys.pemBody(pem)));
          }
        } else if (bytes.get().length > 0 && bytes.get()[0] == 0x30) {
          try {
            certificate(PublicKeys.certificate(bytes.get()));
          } catch (IllegalArgumentException notACertificate) {
            key(PublicKeys.fromSpki(bytes.get()));
          }
        }
      } catch (IllegalArgumentException e) {
        // not a key or certificate we can read (e.g. PGP): nothing to match on
      }
    }

    void certificate(X509Certificate certificate) {
      FulcioCertificate.addSans(certificate, emails, uris);
      FulcioCertificate.issuer(certificate).ifPresent(issuers::add);
      key(certificate.getPublicKey());
    }

    void key(PublicKey key) {
      fingerprints.add(PublicKeys.fingerprint(key));
    }

    /** Subjects of an in-toto statement; anything else is ignored. */
    void statement(byte[] bytes) {
      JsonNode statement;
      try {
        statement = Json.parse(bytes, "statement");
      } catch (IllegalArgumentException notJson) {
        return;
      }
      for (JsonNode subject : statement.path("subject")) {
        for (Map.Entry<String, JsonNode> digest : subject.path("digest").properties()) {
          if (digest.getValue().isString()) {
            subjects.add(
                digest.getKey().toLowerCase(Locale.ROOT)
                    + ":"
                    + digest.getValue().stringValue().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
  }

  private static Optional<byte[]> decodeBase64(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
