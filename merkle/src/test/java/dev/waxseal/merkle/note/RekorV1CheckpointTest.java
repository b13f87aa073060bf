package dev.waxseal.merkle.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Rekor v1 checkpoints (public-good and staging) parse, format back byte for byte, and their
 * ECDSA signatures verify with the log keys; the broken client self-test cases are rejected.
 */
class RekorV1CheckpointTest {
  private static final String REAL = "real/";
  private static final int PUBLIC_GOOD_KEY_HINT = 0xc0d23d6a;

  enum Outcome {
    VERIFIES,
    UNKNOWN_KEY,
    BAD_SIGNATURE
  }

  /** Every file under real/rekor-v1 and real/client-selftest that holds a checkpoint. */
  private static final Map<String, Outcome> CASES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json", Outcome.VERIFIES),
              Map.entry("rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json", Outcome.VERIFIES),
              // a private instance: no key for it, so only the public-good and staging keys are
              // known
              Map.entry("rekor-v1/private-instance-othername.sigstore.json", Outcome.UNKNOWN_KEY),
              conformance("happy-path-v0.3", Outcome.VERIFIES),
              conformance("happy-path-intoto-in-dsse-v3", Outcome.VERIFIES),
              // the checkpoint itself is genuine; the bundle is broken elsewhere
              conformance("inclusion-proof-corrupted-hash_fail", Outcome.VERIFIES),
              conformance("checkpoint-wrong-roothash_fail", Outcome.VERIFIES),
              conformance("checkpoint-bad-keyhint_fail", Outcome.UNKNOWN_KEY),
              conformance("invalid-checkpoint-signature_fail", Outcome.BAD_SIGNATURE),
              java("bundle.v3_1.sigstore", Outcome.VERIFIES),
              java("bundle.dsse.sigstore", Outcome.VERIFIES),
              java("bundle-with-mismatched-set.sigstore", Outcome.VERIFIES),
              java("bundle-with-bad-checkpoint-signature.sigstore", Outcome.BAD_SIGNATURE),
              java("rekor-response-jar-entry.json", Outcome.VERIFIES),
              java("rekor-response-entry.json", Outcome.VERIFIES)));

  private static final AtomicInteger exercised = new AtomicInteger();
  private static byte[] publicGoodSpki = new byte[0];
  private static List<NoteVerifier> verifiers = List.of();

  private static Map.Entry<String, Outcome> conformance(String name, Outcome outcome) {
    return Map.entry(
        "client-selftest/sigstore-conformance/" + name + "/bundle.sigstore.json", outcome);
  }

  private static Map.Entry<String, Outcome> java(String name, Outcome outcome) {
    return Map.entry("client-selftest/sigstore-java/" + name, outcome);
  }

  @BeforeAll
  static void loadKeys() throws GeneralSecurityException {
    Object root = Json.parse(Fixtures.text(REAL + "trust/root-signing-trusted_root.json"));
    String spki = null;
    for (Object tlog : Json.array(Json.object(root).get("tlogs"))) {
      Map<String, Object> log = Json.object(tlog);
      if (log.get("baseUrl").equals("https://rekor.sigstore.dev")) {
        spki = (String) Json.object(log.get("publicKey")).get("rawBytes");
      }
    }
    if (spki == null) {
      throw new AssertionError("no rekor.sigstore.dev tlog in the trusted root");
    }
    publicGoodSpki = Base64.getDecoder().decode(spki);
    String stagingPem =
        Fixtures.text(REAL + "client-selftest/sigstore-java/rekor-response-rekor.pub");
    String stagingSpki = stagingPem.replaceAll("-----[A-Z ]+-----|\\s", "");
    verifiers =
        List.of(
            JdkNoteKeys.ecdsaVerifier(NoteKeys.rekorKeyName("rekor.sigstore.dev"), publicGoodSpki),
            JdkNoteKeys.ecdsaVerifier(NoteKeys.rekorKeyName("rekor.sigstage.dev"), stagingSpki));
  }

  static Stream<String> cases() {
    return CASES.keySet().stream();
  }

  @Test
  void publicGoodKeyHintIsSha256OfSpki() {
    assertEquals(PUBLIC_GOOD_KEY_HINT, NoteKeys.spkiKeyId(publicGoodSpki));
    assertEquals("c0d23d6a", NoteKeys.keyIdHex(NoteKeys.spkiKeyId(publicGoodSpki)));
    // the trusted root's logId is the whole SHA-256 of the same DER SPKI
    assertEquals(
        "wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=",
        Base64.getEncoder().encodeToString(Rfc6962.sha256(publicGoodSpki)));
    assertEquals(PUBLIC_GOOD_KEY_HINT, verifiers.get(0).keyId());
  }

  @Test
  void everyFixtureWithACheckpointIsACase() throws IOException {
    Path real = Fixtures.dir().resolve("real");
    try (Stream<Path> files =
        Stream.concat(
            Files.walk(real.resolve("rekor-v1")), Files.walk(real.resolve("client-selftest")))) {
      List<String> found =
          files
              .filter(Files::isRegularFile)
              .map(p -> real.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.endsWith(".pub"))
              .filter(p -> !p.endsWith("public-good-logindex-800000000.json"))
              .sorted()
              .toList();
      assertEquals(List.copyOf(CASES.keySet()), found);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void realCheckpointParsesRoundTripsAndVerifies(String file) throws Exception {
    Object tree = Json.parse(Fixtures.text(REAL + file));
    List<String> found =
        Stream.concat(
                Json.stringsNamed(tree, "envelope").stream(),
                Json.stringsNamed(tree, "checkpoint").stream())
            .toList();
    assertEquals(1, found.size(), file + ": checkpoints found");
    String envelope = found.get(0);

    SignedNote note = SignedNote.parse(envelope);
    assertEquals(envelope, note.format(), "note round trip");
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    assertEquals(note.text(), checkpoint.format(), "checkpoint round trip");
    assertTrue(checkpoint.origin().matches("\\S+ - [0-9]+"), checkpoint.origin());
    assertTrue(checkpoint.size() > 0);
    String host = checkpoint.origin().substring(0, checkpoint.origin().indexOf(' '));
    assertEquals(host, note.signatures().get(0).keyName(), "Rekor v1 key name is the host");

    switch (CASES.get(file)) {
      case VERIFIES -> {
        List<NoteSignature> verified = note.verify(verifiers);
        assertEquals(note.signatures(), verified);
        assertEquals(checkpoint, Checkpoint.open(envelope, verifiers));
      }
      case UNKNOWN_KEY -> {
        NoteVerificationException e =
            assertThrows(NoteVerificationException.class, () -> note.verify(verifiers));
        assertTrue(e.getMessage().startsWith("no signature from a known key: "), e.getMessage());
      }
      case BAD_SIGNATURE -> {
        NoteVerificationException e =
            assertThrows(NoteVerificationException.class, () -> note.verify(verifiers));
        int line = checkpoint.format().split("\n").length + 2;
        assertEquals(
            "line " + line + ": signature by rekor.sigstore.dev/c0d23d6a does not verify",
            e.getMessage());
      }
    }
    exercised.incrementAndGet();
  }

  @Test
  void oldTimestampLineIsAnExtension() {
    Object tree =
        Json.parse(Fixtures.text(REAL + "rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json"));
    Checkpoint checkpoint =
        Checkpoint.parse(SignedNote.parse(Json.stringsNamed(tree, "envelope").get(0)).text());
    assertEquals(List.of("Timestamp: 1692374735595899989"), checkpoint.extensions());
    assertEquals(
        NoteKeys.rekorOrigin("rekor.sigstore.dev", 2605736670972794746L), checkpoint.origin());
    assertEquals(27657875, checkpoint.size());
  }

  /** The atlas capture flattens the entry; its note is rebuilt from the fields and verified. */
  @Test
  void publicGoodLogIndex800000000Verifies() throws Exception {
    Map<String, Object> entry =
        Json.object(
            Json.parse(Fixtures.text(REAL + "rekor-v1/public-good-logindex-800000000.json")));
    Checkpoint checkpoint =
        new Checkpoint(
            NoteKeys.rekorOrigin(
                "rekor.sigstore.dev", Long.parseLong((String) entry.get("tree_id"))),
            Long.parseLong((String) entry.get("tree_size")),
            Hash.fromHex((String) entry.get("root_hash")),
            List.of());
    String note =
        checkpoint.format() + "\n\u2014 rekor.sigstore.dev " + entry.get("checkpoint_sig") + "\n";

    assertEquals(checkpoint, Checkpoint.open(note, verifiers));
    assertEquals("rekor.sigstore.dev - 1193050959916656506", checkpoint.origin());
    assertEquals(1_274_638_893L, checkpoint.size());
    assertEquals(PUBLIC_GOOD_KEY_HINT, SignedNote.parse(note).signatures().get(0).keyId());
    exercised.incrementAndGet();
  }

  @AfterAll
  static void printCount() {
    System.out.printf(
        "RekorV1CheckpointTest: %d real Rekor v1 checkpoints exercised%n", exercised.get());
  }
}
