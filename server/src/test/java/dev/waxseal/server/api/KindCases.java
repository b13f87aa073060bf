package dev.waxseal.server.api;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.dsse.DsseRealEntriesTest;
import dev.waxseal.server.entries.dsse.RealEntries;
import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.intoto.IntotoV001KindTest;
import dev.waxseal.server.entries.intoto.IntotoV002KindTest;
import dev.waxseal.server.entries.pki.DsseEnvelope;
import dev.waxseal.server.entries.pki.InTotoStatements;
import dev.waxseal.server.entries.rekord.RekordMinisignTest;
import dev.waxseal.server.entries.rekord.RekordPgpTest;
import dev.waxseal.server.entries.rekord.RekordSshTest;
import dev.waxseal.server.entries.rekord.Rekords;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One proposed entry per kind, version, signature algorithm and key-or-certificate, built with the
 * kinds' unit-test helpers (keys generated once: {@link Signers} keeps them), with its tampered
 * twin (one signature byte flipped) and the {@code /api/v1/index/retrieve} queries that must find
 * it. Built once, so every test of a row sends the very same bytes.
 */
final class KindCases {
  /** The certificate SAN URI every generated certificate carries. */
  static final String WORKFLOW = "https://example.com/workflow";

  /**
   * A row: its name, the request, the request with a flipped signature byte, the searches that must
   * find it, whether it stores an attestation (its base64), and its key as a publicKey search.
   *
   * @param keyQuery a {@code publicKey} search for a non-x509 rekord key, or empty
   */
  record Case(
      String name,
      String request,
      String tampered,
      List<String> queries,
      String attestation,
      String keyQuery) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Kind[] KINDS = {Kind.P256, Kind.P384, Kind.RSA2048, Kind.ED25519};

  private static final List<Case> CASES = build();

  private KindCases() {}

  static List<Case> all() {
    return CASES;
  }

  static List<Case> withKeyQuery() {
    return CASES.stream().filter(c -> !c.keyQuery().isEmpty()).toList();
  }

  private static String algorithm(Kind kind) {
    return switch (kind) {
      case P256 -> "ECDSA P-256";
      case P384 -> "ECDSA P-384";
      case RSA2048 -> "RSA 2048";
      case ED25519 -> "Ed25519";
    };
  }

  private static List<Case> build() {
    try {
      List<Case> all = new ArrayList<>();
      for (String kind : List.of("dsse 0.0.1", "intoto 0.0.1", "intoto 0.0.2", "rekord x509")) {
        for (Kind k : KINDS) {
          for (boolean cert : new boolean[] {false, true}) {
            String name = kind + " / " + algorithm(k) + " / " + (cert ? "certificate" : "key");
            all.add(
                kind.equals("rekord x509")
                    ? rekordX509(name, k, cert)
                    : dsseLike(name, kind, k, cert));
          }
        }
      }
      for (Kind k : new Kind[] {Kind.ED25519, Kind.P256, Kind.RSA2048}) {
        all.add(ssh(k));
      }
      for (String algorithm : List.of("Ed", "ED")) {
        all.add(minisign(algorithm));
      }
      all.add(pgp(false));
      all.add(pgp(true));
      return List.copyOf(all);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] flipLast(byte[] bytes) {
    byte[] out = bytes.clone();
    out[out.length - 1] ^= 1;
    return out;
  }

  static String request(String kind, String apiVersion, JsonNode spec) {
    ObjectNode request =
        JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    request.set("spec", spec);
    return new String(CanonicalJson.canonicalize(request), StandardCharsets.UTF_8);
  }

  private static String hashQuery(String hash) {
    return "{\"hash\":\"" + hash + "\"}";
  }

  private static String email(String name) {
    return name.replaceAll("[^A-Za-z0-9]+", ".").replaceAll("^\\.|\\.$", "") + "@Example.com";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** dsse 0.0.1, intoto 0.0.1 and 0.0.2: one in-toto statement with a subject of its own. */
  static Case dsseLike(String name, String kind, Kind k, boolean cert) {
    KeyPair keys = Signers.keyPair(k);
    String email = email(name);
    byte[] goPem = cert ? Signers.certificatePem(keys, k, email) : Signers.publicKeyPem(keys);
    String clientPem = RealEntries.rewrap(goPem);
    String subject = Signers.sha256Hex(utf8("subject " + name));
    String material = Signers.sha256Hex(utf8("material " + name)).substring(0, 40);
    byte[] payload = Signers.statement(subject, material);
    String type = InTotoStatements.PAYLOAD_TYPE;
    byte[] sig = Signers.sign(keys, k, DsseEnvelope.pae(type, payload));
    byte[] bad = flipLast(sig);
    List<String> queries = new ArrayList<>();
    queries.add(hashQuery("sha256:" + Signers.sha256Hex(goPem)));
    queries.add(hashQuery("sha256:" + Signers.sha256Hex(payload)));
    queries.add(hashQuery("sha256:" + subject));
    queries.add(hashQuery("sha1:" + material));
    if (cert) {
      queries.add("{\"email\":\"" + email + "\"}");
      queries.add("{\"subject\":\"" + WORKFLOW + "\"}");
    }
    String request;
    String tampered;
    String attestation = "";
    switch (kind) {
      case "dsse 0.0.1" -> {
        String envelope = Signers.envelopeJson(type, payload, List.of(Signers.b64(sig)));
        queries.add(hashQuery("sha256:" + Signers.sha256Hex(utf8(envelope))));
        request = request("dsse", "0.0.1", DsseRealEntriesTest.proposedSpec(envelope, clientPem));
        tampered =
            request(
                "dsse",
                "0.0.1",
                DsseRealEntriesTest.proposedSpec(
                    Signers.envelopeJson(type, payload, List.of(Signers.b64(bad))), clientPem));
      }
      case "intoto 0.0.1" -> {
        String envelope =
            IntotoV001KindTest.envelope(payload, List.of(Signers.b64(sig)), List.of(""));
        queries.add(hashQuery("sha256:" + Signers.sha256Hex(utf8(envelope))));
        byte[] pem = clientPem.getBytes(StandardCharsets.US_ASCII);
        request = request("intoto", "0.0.1", IntotoV001KindTest.spec(envelope, pem));
        tampered =
            request(
                "intoto",
                "0.0.1",
                IntotoV001KindTest.spec(
                    IntotoV001KindTest.envelope(payload, List.of(Signers.b64(bad)), List.of("")),
                    pem));
        attestation = Signers.b64(payload);
      }
      default -> {
        byte[] pem = clientPem.getBytes(StandardCharsets.US_ASCII);
        request =
            request(
                "intoto", "0.0.2", IntotoV002KindTest.spec(payload, Signers.b64(sig), "", pem, ""));
        tampered =
            request(
                "intoto", "0.0.2", IntotoV002KindTest.spec(payload, Signers.b64(bad), "", pem, ""));
        attestation = Signers.b64(payload);
      }
    }
    return new Case(name, request, tampered, List.copyOf(queries), attestation, "");
  }

  private static List<String> artifactQueries(byte[] data) {
    String hex = Signers.sha256Hex(data);
    return new ArrayList<>(
        List.of(hashQuery("sha256:" + hex), hashQuery(hex.toUpperCase(Locale.ROOT))));
  }

  private static String rekord(String format, byte[] sig, byte[] key, byte[] data) {
    return request("rekord", "0.0.1", Rekords.spec(format, sig, key, data, ""));
  }

  static Case rekordX509(String name, Kind k, boolean cert) {
    KeyPair keys = Signers.keyPair(k);
    String email = email(name);
    byte[] goPem = cert ? Signers.certificatePem(keys, k, email) : Signers.publicKeyPem(keys);
    byte[] clientPem = RealEntries.rewrap(goPem).getBytes(StandardCharsets.US_ASCII);
    byte[] data = utf8("artifact " + name + "\n");
    byte[] sig = Signers.sign(keys, k, data);
    List<String> queries = artifactQueries(data);
    queries.add(
        "{\"publicKey\":{\"format\":\"x509\",\"content\":\"" + Signers.b64(clientPem) + "\"}}");
    if (cert) {
      queries.add("{\"email\":\"" + email + "\"}");
      queries.add("{\"subject\":\"" + WORKFLOW + "\"}");
    }
    return new Case(
        name,
        rekord("x509", sig, clientPem, data),
        rekord("x509", flipLast(sig), clientPem, data),
        List.copyOf(queries),
        "",
        "");
  }

  private static String keyQuery(String format, byte[] key) {
    return "{\"publicKey\":{\"format\":\""
        + format
        + "\",\"content\":\""
        + Signers.b64(key)
        + "\"}}";
  }

  private static Case ssh(Kind k) throws Exception {
    String name =
        "rekord ssh / "
            + switch (k) {
              case ED25519 -> "ssh-ed25519";
              case P256 -> "ecdsa-sha2-nistp256";
              default -> "ssh-rsa (rsa-sha2-512)";
            }
            + " / key";
    KeyPair keys = Signers.keyPair(k);
    byte[] data = utf8("artifact " + name + "\n");
    byte[] blob = RekordSshTest.sshsig(k, keys, data, "sha512");
    byte[] key = RekordSshTest.authorizedKey(k, keys, " alice@laptop");
    return new Case(
        name,
        rekord("ssh", RekordSshTest.armor70(blob), key, data),
        rekord("ssh", RekordSshTest.armor70(flipLast(blob)), key, data),
        List.copyOf(artifactQueries(data)),
        "",
        keyQuery("ssh", key));
  }

  private static Case minisign(String algorithm) throws Exception {
    String name =
        "rekord minisign / Ed25519 "
            + (algorithm.equals("ED") ? "prehashed (ED)" : "legacy (Ed)")
            + " / key";
    KeyPair keys = Signers.keyPair(Kind.ED25519);
    byte[] data = utf8("artifact " + name + "\n");
    byte[] line = RekordMinisignTest.signatureLine(keys, algorithm, data);
    byte[] key = RekordMinisignTest.keyFile(keys);
    return new Case(
        name,
        rekord("minisign", RekordMinisignTest.signatureFile(line, keys), key, data),
        rekord("minisign", RekordMinisignTest.signatureFile(flipLast(line), keys), key, data),
        List.copyOf(artifactQueries(data)),
        "",
        keyQuery("minisign", key));
  }

  private static Case pgp(boolean ecdsa) throws Exception {
    String name = "rekord pgp / " + (ecdsa ? "ECDSA P-256" : "RSA 2048") + " / key";
    RekordPgpTest.Ring ring;
    String email;
    if (ecdsa) {
      ring = RekordPgpTest.ecdsaRing();
      email = "bob@example.org";
    } else {
      // The class's RSA key: a second 2048-bit keygen would cost seconds.
      PGPKeyPair primary =
          new JcaPGPKeyPair(
              PublicKeyPacket.VERSION_4,
              PublicKeyAlgorithmTags.RSA_GENERAL,
              Signers.keyPair(Kind.RSA2048),
              new Date(1_760_000_000_000L));
      ring =
          new RekordPgpTest.Ring(
              RekordPgpTest.generator(primary, "Alice Example <alice@example.com>")
                  .generatePublicKeyRing(),
              primary);
      email = "alice@example.com";
    }
    byte[] data = utf8("artifact " + name + "\n");
    byte[] sig = RekordPgpTest.sign(ring, PGPSignature.BINARY_DOCUMENT, data);
    byte[] key = ring.ring().getEncoded();
    List<String> queries = artifactQueries(data);
    queries.add("{\"email\":\"" + email + "\"}");
    return new Case(
        name,
        rekord("pgp", sig, key, data),
        rekord("pgp", flipLast(sig), key, data),
        List.copyOf(queries),
        "",
        keyQuery("pgp", key));
  }
}
