package dev.waxseal.client;

import dev.waxseal.client.http.Json;
import dev.waxseal.client.rekor.LogEntry;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.InclusionProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The recorded real log data the tests use, copied byte for byte from the project's shared fixtures
 * into src/test/resources/fixtures (its README names each file's source). Tests run from the
 * module's directory.
 */
public final class Fixtures {
  public static final Path ROOT = Path.of("src/test/resources/fixtures");

  private Fixtures() {}

  public static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
  }

  public static JsonNode json(String relative) {
    return Json.parse(bytes(relative), relative);
  }

  /** rekor.sigstore.dev's key (ECDSA P-256). */
  public static LogKey publicGoodKey() {
    return LogKey.fromPem(text("trust/root-signing-rekor.pub"));
  }

  /** The first tlog entry of a Sigstore bundle (v0.1 to v0.3) as a Rekor v1 LogEntry. */
  public static LogEntry bundleEntry(String relative) {
    JsonNode entry = json(relative).path("verificationMaterial").path("tlogEntries").get(0);
    String body = entry.path("canonicalizedBody").stringValue();
    String uuid =
        Hash.of(dev.waxseal.merkle.Rfc6962.leafHash(Base64.getDecoder().decode(body)).bytes())
            .hex();
    JsonNode proof = entry.path("inclusionProof");
    Optional<InclusionProof> inclusion = Optional.empty();
    Optional<Hash> root = Optional.empty();
    Optional<String> checkpoint = Optional.empty();
    if (proof.isObject()) {
      List<Hash> hashes = new ArrayList<>();
      for (JsonNode hash : proof.path("hashes")) {
        hashes.add(Hash.fromBase64(hash.stringValue()));
      }
      inclusion =
          Optional.of(
              new InclusionProof(
                  Long.parseLong(proof.path("logIndex").stringValue()),
                  Long.parseLong(proof.path("treeSize").stringValue()),
                  hashes));
      root = Optional.of(Hash.fromBase64(proof.path("rootHash").stringValue()));
      checkpoint = proof.path("checkpoint").path("envelope").stringValueOpt();
    }
    JsonNode set = entry.path("inclusionPromise").path("signedEntryTimestamp");
    return new LogEntry(
        uuid,
        body,
        Long.parseLong(entry.path("integratedTime").asString("0")),
        HexFormat.of()
            .formatHex(Base64.getDecoder().decode(entry.path("logId").path("keyId").stringValue())),
        Long.parseLong(entry.path("logIndex").stringValue()),
        inclusion,
        root,
        checkpoint,
        set.isString()
            ? Optional.of(Base64.getDecoder().decode(set.stringValue()))
            : Optional.empty(),
        Optional.empty());
  }
}
