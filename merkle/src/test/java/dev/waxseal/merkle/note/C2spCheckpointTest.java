package dev.waxseal.merkle.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Rfc6962;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C2SP checkpoints: the tessera test log (every size 0..15), staging Rekor v2 with witness
 * cosignatures, and the examples quoted in the C2SP specifications.
 */
class C2spCheckpointTest {
  private static final String TESSERA = "real/tlog-tiles/tessera-testdata-log/";
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  private static final AtomicInteger exercised = new AtomicInteger();

  static Stream<String> tesseraCheckpoints() {
    return Fixtures.names(TESSERA, "checkpoint").stream();
  }

  static Stream<String> rekorV2Bundles() {
    return Stream.of("rekor2-happy-path", "rekor2-checkpoint-cosigned", "rekor2-dsse-happy-path");
  }

  @Test
  void tesseraVkeyParsesAndItsKeyIdRecomputes() {
    VerifierKey vkey = VerifierKey.parse(TESSERA_VKEY);
    assertEquals("example.com/log/testdata", vkey.name());
    assertEquals(0x33d7b496, vkey.keyId());
    assertEquals(NoteKeys.ED25519, vkey.signatureType());
    assertEquals(vkey.keyId(), NoteKeys.ed25519KeyId(vkey.name(), vkey.publicKey()));
    assertEquals(TESSERA_VKEY, vkey.format());
    assertEquals(vkey, VerifierKey.ed25519(vkey.name(), vkey.publicKey()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tesseraCheckpoints")
  void tesseraCheckpointVerifies(String file) throws Exception {
    String text = Fixtures.text(TESSERA + file);
    NoteVerifier verifier = JdkNoteKeys.verifier(VerifierKey.parse(TESSERA_VKEY));

    Checkpoint checkpoint = Checkpoint.open(text, List.of(verifier));
    SignedNote note = SignedNote.parse(text);
    assertEquals(text, note.format(), "note round trip");
    assertEquals(note.text(), checkpoint.format(), "checkpoint round trip");
    assertEquals("example.com/log/testdata", checkpoint.origin());
    long want = file.equals("checkpoint") ? 15 : Long.parseLong(file.substring(11));
    assertEquals(want, checkpoint.size());
    if (want == 0) {
      assertEquals(Rfc6962.emptyRoot(), checkpoint.rootHash());
    }
    exercised.incrementAndGet();
  }

  @Test
  void everyTesseraSizeIsPresent() {
    assertEquals(17, Fixtures.names(TESSERA, "checkpoint").size());
  }

  /** The log's own signature verifies; the witness cosignature lines are unknown and ignored. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rekorV2Bundles")
  void rekorV2CheckpointVerifiesAndWitnessLinesAreIgnored(String name) throws Exception {
    Object bundle = Json.parse(Fixtures.text("real/rekor-v2/" + name + ".bundle.sigstore.json"));
    String envelope = Json.stringsNamed(bundle, "envelope").get(0);
    SignedNote note = SignedNote.parse(envelope);
    assertEquals(envelope, note.format());
    Checkpoint checkpoint = Checkpoint.parse(note.text());

    byte[] spki = logKey("real/rekor-v2/" + name + ".trusted_root.json", checkpoint.origin());
    byte[] prefix = Arrays.copyOf(spki, JdkNoteKeys.ED25519_SPKI_PREFIX.length);
    assertArrayEquals(JdkNoteKeys.ED25519_SPKI_PREFIX, prefix, "Ed25519 SPKI prefix");
    byte[] raw = Arrays.copyOfRange(spki, prefix.length, spki.length);
    NoteVerifier log =
        JdkNoteKeys.ed25519Verifier(
            checkpoint.origin(), NoteKeys.ed25519KeyId(checkpoint.origin(), raw), raw);

    List<NoteSignature> verified = note.verify(List.of(log));
    assertEquals(List.of(note.signatures().get(0)), verified);
    assertEquals(checkpoint.origin(), verified.get(0).keyName(), "C2SP key name = origin");
    assertTrue(note.signatures().size() > 1 || name.equals("rekor2-happy-path"));
    for (NoteSignature witness : note.signatures().subList(1, note.signatures().size())) {
      // tlog-cosignature v1: 8-byte timestamp and a 64-byte Ed25519 signature
      assertEquals(72, witness.signature().length, witness.toString());
    }
    exercised.incrementAndGet();
  }

  @Test
  void rekorV2LogIdIsTheFullC2spKeyHash() {
    // rekor-tiles' logId is SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ key) in full; its first 4 bytes are the
    // C2SP key id
    String origin = "log2025-alpha3.rekor.sigstage.dev";
    byte[] spki = logKey("real/rekor-v2/rekor2-dsse-happy-path.trusted_root.json", origin);
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes((origin + "\n").getBytes(StandardCharsets.UTF_8));
    input.write(NoteKeys.ED25519);
    input.writeBytes(raw);
    byte[] logId = Rfc6962.sha256(input.toByteArray());
    assertEquals(
        "09OnDKEw7/hpZiYVPoTRzRbglHk0sylsUovegnRUlJY=", Base64.getEncoder().encodeToString(logId));
    assertEquals(0xd3d3a70c, NoteKeys.ed25519KeyId(origin, raw));
  }

  @Test
  void c2spSignedNoteExampleVerifiesWithItsVkey() throws Exception {
    VerifierKey vkey = VerifierKey.parse(example("signed-note.md: verifier key (vkey)").strip());
    assertEquals("example.com/foo", vkey.name());
    assertEquals(0x530d903a, vkey.keyId());
    String text = example("signed-note.md: note verifiable with the vkey above");

    SignedNote note = SignedNote.parse(text);
    assertEquals(text, note.format());
    assertEquals("This is an example message.\n", note.text());
    assertEquals(note.signatures(), note.verify(List.of(JdkNoteKeys.verifier(vkey))));
    exercised.incrementAndGet();
  }

  @Test
  void c2spCheckpointExamplesParse() throws Exception {
    String plain = example("tlog-checkpoint.md: example checkpoint");
    String cosigned = example("tlog-cosignature.md: checkpoint carrying a witness cosignature");
    NoteVerifier other =
        JdkNoteKeys.verifier(
            VerifierKey.parse(example("signed-note.md: verifier key (vkey)").strip()));

    for (String text : List.of(plain, cosigned)) {
      SignedNote note = SignedNote.parse(text);
      assertEquals(text, note.format());
      Checkpoint checkpoint = Checkpoint.parse(note.text());
      assertEquals("example.com/behind-the-sofa", checkpoint.origin());
      assertEquals(20852163, checkpoint.size());
      assertEquals(note.text(), checkpoint.format());
      // the log key is not published: every signature is from an unknown key
      assertThrows(NoteVerificationException.class, () -> note.verify(List.of(other)));
      exercised.incrementAndGet();
    }
    NoteSignature witness = SignedNote.parse(cosigned).signatures().get(1);
    assertEquals("witness.example.com/w1", witness.keyName());
    assertEquals(72, witness.signature().length);

    // the cosignature/v1 message signs the same checkpoint text
    assertEquals(
        "cosignature/v1\ntime 1679315147\n" + SignedNote.parse(plain).text(),
        example("tlog-cosignature.md: Ed25519 cosignature/v1 signed message"));
  }

  @Test
  void witnessRequestCarriesACheckpointWithTwoLogSignatures() {
    String body = example("tlog-witness.md: POST <prefix>/add-checkpoint request body");
    String signed = body.substring(body.indexOf("\n\n") + 2);
    SignedNote note = SignedNote.parse(signed);
    assertEquals(signed, note.format());
    assertEquals(20852163, Checkpoint.parse(note.text()).size());
    assertEquals(2, note.signatures().size());
    assertEquals(note.signatures().get(0).keyName(), note.signatures().get(1).keyName());
    assertTrue(note.signatures().get(0).keyId() != note.signatures().get(1).keyId());
    exercised.incrementAndGet();
  }

  @Test
  void tlogProofExampleWithElidedSignaturesIsRejected() {
    String proof = example("tlog-proof.md: c2sp.org/tlog-proof@v1 example");
    String signed = proof.substring(proof.indexOf("\n\n") + 2);
    NoteFormatException e = assertThrows(NoteFormatException.class, () -> SignedNote.parse(signed));
    assertEquals("line 5: signature is not valid base64", e.getMessage());
    exercised.incrementAndGet();
  }

  /** The one block of c2sp/examples.txt whose title (after "===== ") starts with {@code title}. */
  private static String example(String title) {
    List<String> found =
        examples().entrySet().stream()
            .filter(e -> e.getKey().startsWith(title))
            .map(Map.Entry::getValue)
            .toList();
    assertEquals(1, found.size(), "examples titled " + title);
    return found.get(0);
  }

  private static Map<String, String> examples() {
    String all = Fixtures.text("real/c2sp/examples.txt");
    Map<String, String> blocks = new LinkedHashMap<>();
    String[] parts = all.split("(?m)^===== ");
    for (int i = 1; i < parts.length; i++) {
      int newline = parts[i].indexOf('\n');
      String title = parts[i].substring(0, newline);
      blocks.put(title, parts[i].substring(newline + 1));
    }
    return blocks;
  }

  /** The DER SPKI of the tlog whose baseUrl is {@code https://<origin>} in a trusted root. */
  private static byte[] logKey(String trustedRoot, String origin) {
    Object root = Json.parse(Fixtures.text(trustedRoot));
    for (Object tlog : Json.array(Json.object(root).get("tlogs"))) {
      Map<String, Object> log = Json.object(tlog);
      if (log.get("baseUrl").equals("https://" + origin)) {
        String raw = (String) Json.object(log.get("publicKey")).get("rawBytes");
        return Base64.getDecoder().decode(raw);
      }
    }
    throw new AssertionError("no tlog for " + origin + " in " + trustedRoot);
  }

  @AfterAll
  static void printCount() {
    System.out.printf("C2spCheckpointTest: %d real C2SP notes exercised%n", exercised.get());
  }
}
