package dev.waxseal.client.entries;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.verify.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
    Collector found = new Collector();
    // Streamed, not read into a tree: a monitor decodes every entry of the log, and building
    // the tree's maps showed in its profile.
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      found.stream(parser);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("entry body is not JSON: " + e.getOriginalMessage(), e);
    }
    attestation.ifPresent(statement -> found.statement(statement));
    return new DecodedEntry(
        found.kind,
        found.apiVersion,
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
    String kind = "";
    String apiVersion = "";

    /**
     * One open object or array: the member name a value is under (for an array, its own name: the
     * elements count as that field), and an object's digest members.
     */
    private static final class Frame {
      final boolean array;
      String field;
      @Nullable String algorithm;
      @Nullable String value;
      @Nullable String digest;

      Frame(boolean array, String field) {
        this.array = array;
        this.field = field;
      }
    }

    /**
     * Visits every string by the member name it is under (keys and certificates, payloads) and
     * every object's {@code algorithm}/{@code value}/{@code digest} members, in one pass over the
     * parser's tokens.
     */
    void stream(JsonParser parser) {
      Deque<Frame> open = new ArrayDeque<>();
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        Frame top = open.peek();
        String field = top == null ? "" : top.field;
        switch (token) {
          case START_OBJECT -> open.push(new Frame(false, ""));
          case START_ARRAY -> open.push(new Frame(true, field));
          case END_OBJECT -> digest(open.pop());
          case END_ARRAY -> open.pop();
          case PROPERTY_NAME -> java.util.Objects.requireNonNull(top).field = parser.currentName();
          case VALUE_STRING -> {
            String text = parser.getString();
            string(field, text);
            if (top != null && !top.array) {
              switch (field) {
                case "algorithm" -> top.algorithm = text;
                case "value" -> top.value = text;
                case "digest" -> top.digest = text;
                default -> {}
              }
              if (open.size() == 1 && field.equals("kind")) {
                kind = text;
              } else if (open.size() == 1 && field.equals("apiVersion")) {
                apiVersion = text;
              }
            }
          }
          default -> {}
        }
      }
    }

    private void digest(Frame object) {
      if (object.algorithm == null) {
        return;
      }
      String alg = object.algorithm.toLowerCase(Locale.ROOT);
      if (object.value != null) {
        digests.add(alg + ":" + object.value.toLowerCase(Locale.ROOT));
      } else if (object.digest != null) {
        String name = alg.replace("sha2_", "sha");
        decodeBase64(object.digest)
            .ifPresent(bytes -> digests.add(name + ":" + HexFormat.of().formatHex(bytes)));
      }
    }

    private void string(String field, String text) {
      if (KEY_FIELDS.contains(field)) {
        keyOrCertificate(text, false);
      } else if (field.equals("rawBytes")) {
        keyOrCertificate(text, true);
      } else if (field.equals("payload")) {
        decodeBase64(text).ifPresent(this::statement);
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
