package dev.waxseal.merkle.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteSigner;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * C2SP tlog-cosignature {@code cosignature/v1}: real cosignatures from the public witness network,
 * the spec's example message, round trips through {@link Cosigner}, and every rejection.
 */
class CosignatureTest {
  static final String STAGEMOLE =
      "witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv";
  static final String RING_ANY_BELLS =
      "staging.witness.transparency.goog/ring-any-bells+2e1a8dc9+BG5JTpLc3FJtwzgh1Uv+Qelz9qeOH2bfWjS1s0s+y4rL";
  static final String NAVIGLI =
      "witness.navigli.sunlight.geomys.org+a3e00fe2+BNy/co4C1Hn1p+INwJrfUlgz7W55dSZReusH/GhUhJ/G";

  static SignedNote rekorV2Cosigned() {
    return SignedNote.parse(TestKeys.resource("witness/rekor2-dsse-happy-path.checkpoint"));
  }

  static List<CosignatureVerifier> networkWitnesses() {
    return List.of(STAGEMOLE, RING_ANY_BELLS, NAVIGLI).stream()
        .map(VerifierKey::parse)
        .map(CosignatureVerifier::of)
        .toList();
  }

  private static final Checkpoint CHECKPOINT =
      new Checkpoint("example.com/log", 7, Rfc6962.leafHash(new byte[] {7}), List.of());

  @Test
  void realWitnessNetworkCosignaturesOnRekorV2Verify() throws Exception {
    SignedNote note = rekorV2Cosigned();
    List<NoteSignature> lines = note.signatures();
    assertEquals(4, lines.size());
    for (CosignatureVerifier witness : networkWitnesses()) {
      // the vkey's key id is recomputed with type 0x04 and matches the id on the real line
      assertEquals(witness.keyId(), witness.verifierKey().keyId());
      NoteSignature line =
          lines.stream()
              .filter(witness::matches)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no line by " + witness));
      Cosignature cosignature = Cosignature.fromNoteSignature(line);
      assertEquals(1778700214L, cosignature.timestamp(), witness.toString());
      witness.verify(note.text(), cosignature);
      assertEquals(line, cosignature.toNoteSignature(), "line round trip");
    }
    // the spec's suggested client path: note verification with the witness keys as verifiers
    assertEquals(lines.subList(1, 4), note.verify(networkWitnesses()));
  }

  @Test
  void realCosignatureFailsOnAnotherCheckpoint() {
    SignedNote note = rekorV2Cosigned();
    CosignatureVerifier stagemole = networkWitnesses().get(0);
    Cosignature cosignature = Cosignature.fromNoteSignature(note.signatures().get(1));
    String otherSize = note.text().replace("\n4026479\n", "\n4026478\n");
    NoteVerificationException e =
        assertThrows(
            NoteVerificationException.class, () -> stagemole.verify(otherSize, cosignature));
    assertEquals(
        "cosignature witness.stagemole.eu/67f7aea0@1778700214 does not verify with witness key"
            + " witness.stagemole.eu/67f7aea0",
        e.getMessage());
  }

  @Test
  void c2spExampleLineAndMessage() {
    String cosigned = example("tlog-cosignature.md: checkpoint carrying a witness cosignature");
    SignedNote note = SignedNote.parse(cosigned);
    NoteSignature line = note.signatures().get(1);
    assertEquals("witness.example.com/w1", line.keyName());
    Cosignature cosignature = Cosignature.fromNoteSignature(line);
    assertEquals(1679315147L, cosignature.timestamp());
    assertEquals(line.line(), cosignature.line());
    String message = example("tlog-cosignature.md: Ed25519 cosignature/v1 signed message");
    assertEquals(
        message,
        new String(
            Cosignature.signedMessage(note.text(), cosignature.timestamp()),
            StandardCharsets.UTF_8));
  }

  @Test
  void cosignerProducesAVerifyingLine() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("witness.example/w1", 1);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 999), ZoneOffset.UTC);
    Cosignature cosignature = new Cosigner(witness.signer(), clock).cosign(CHECKPOINT);
    assertEquals(1_700_000_000L, cosignature.timestamp());
    assertEquals(
        NoteKeys.keyId("witness.example/w1", (byte) 4, witness.publicKey()), cosignature.keyId());
    witness.verifier().verify(CHECKPOINT.format(), cosignature);

    // appended to the log's note, it is read back as the same cosignature
    String note = CHECKPOINT.format() + "\n" + "— example.com/log AAAAAAE=\n" + cosignature.line();
    NoteSignature parsed = SignedNote.parse(note).signatures().get(1);
    assertEquals(cosignature, Cosignature.fromNoteSignature(parsed));
    assertEquals(76, Base64.getDecoder().decode(cosignature.line().split(" ")[2].strip()).length);
  }

  @Test
  void witnessVkeyFormatsAndParses() {
    TestKeys.Witness witness = TestKeys.witness("witness.example/w1", 2);
    VerifierKey vkey = witness.verifier().verifierKey();
    assertEquals(NoteKeys.ED25519_COSIGNATURE, vkey.signatureType());
    assertEquals(witness.verifier(), CosignatureVerifier.of(VerifierKey.parse(vkey.format())));
  }

  // ---- rejections ----

  @Test
  void rejectsFlippedSignatureBit() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("w", 3);
    Cosignature good = new Cosigner(witness.signer(), Clock.systemUTC()).cosign(CHECKPOINT, 5);
    byte[] sig = good.ed25519Signature();
    sig[10] ^= 0x01;
    Cosignature bad = Cosignature.of("w", good.keyId(), 5, sig);
    assertThrows(
        NoteVerificationException.class, () -> witness.verifier().verify(CHECKPOINT.format(), bad));
  }

  @Test
  void rejectsChangedTimestamp() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("w", 4);
    Cosignature good = new Cosigner(witness.signer(), Clock.systemUTC()).cosign(CHECKPOINT, 5);
    Cosignature moved = Cosignature.of("w", good.keyId(), 6, good.ed25519Signature());
    assertThrows(
        NoteVerificationException.class,
        () -> witness.verifier().verify(CHECKPOINT.format(), moved));
  }

  @Test
  void rejectsCosignatureByAnotherName() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("w", 5);
    Cosignature good = new Cosigner(witness.signer(), Clock.systemUTC()).cosign(CHECKPOINT, 5);
    CosignatureVerifier renamed = CosignatureVerifier.of("w2", witness.publicKey());
    NoteVerificationException e =
        assertThrows(
            NoteVerificationException.class, () -> renamed.verify(CHECKPOINT.format(), good));
    assertTrue(e.getMessage().startsWith("cosignature w/"), e.getMessage());
    assertTrue(e.getMessage().contains("is not by witness w2/"), e.getMessage());
  }

  @Test
  void rejectsTextThatIsNotACheckpoint() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("w", 6);
    byte[] message = Cosignature.signedMessage("hello\n", 5);
    Cosignature signed =
        Cosignature.of("w", witness.verifier().keyId(), 5, witness.signer().sign(message));
    NoteVerificationException e =
        assertThrows(
            NoteVerificationException.class, () -> witness.verifier().verify("hello\n", signed));
    assertEquals(
        "witness "
            + witness.verifier()
            + " cosigns checkpoints only, and this is not one: checkpoint"
            + " has 1 line, want at least 3 (origin, tree size, root hash)",
        e.getMessage());
  }

  @Test
  void rejectsLineOfWrongLength() {
    NoteSignature logStyle = NoteSignature.of("w", 1, new byte[64]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cosignature.fromNoteSignature(logStyle));
    assertEquals(
        "cosignature by w/00000001 is 64 bytes, want 72 (timestamp and Ed25519 signature)",
        e.getMessage());
  }

  @Test
  void rejectsTimestampAbove2To63() {
    byte[] blob = new byte[72];
    blob[0] = (byte) 0x80;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cosignature.fromNoteSignature(NoteSignature.of("w", 1, blob)));
    assertEquals(
        "cosignature by w/00000001 has timestamp 9223372036854775808, above 2^63-1",
        e.getMessage());
  }

  @Test
  void noteVerifierFormRejectsShortSignatureWithAVerificationError() {
    TestKeys.Witness witness = TestKeys.witness("w", 7);
    assertThrows(
        NoteVerificationException.class,
        () ->
            witness
                .verifier()
                .verify(CHECKPOINT.format().getBytes(StandardCharsets.UTF_8), new byte[64]));
  }

  @Test
  void rejectsLogVkeyAsWitnessKey() {
    VerifierKey log = VerifierKey.ed25519("example.com/log", TestKeys.witness("x", 8).publicKey());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.of(log));
    assertEquals(
        "vkey example.com/log has signature type 0x01, want 0x04 (Ed25519 cosignature/v1)",
        e.getMessage());
  }

  @Test
  void rejectsBadFactoryArguments() {
    assertThrows(IllegalArgumentException.class, () -> Cosignature.of("w", 1, -1, new byte[64]));
    assertThrows(IllegalArgumentException.class, () -> Cosignature.of("w", 1, 0, new byte[63]));
    assertThrows(IllegalArgumentException.class, () -> Cosignature.of("a b", 1, 0, new byte[64]));
    assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.of("w", new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Cosignature.signedMessage("a\nb", 1));
  }

  @Test
  void cosignerRejectsSignerThatReturnsWrongLength() {
    NoteSigner broken =
        new NoteSigner() {
          @Override
          public String keyName() {
            return "w";
          }

          @Override
          public int keyId() {
            return 1;
          }

          @Override
          public byte[] sign(byte[] message) {
            return new byte[63];
          }
        };
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> new Cosigner(broken, Clock.systemUTC()).cosign(CHECKPOINT));
    assertEquals(
        "witness signer w returned 63 bytes, want a 64-byte Ed25519 signature", e.getMessage());
  }

  @Test
  void emptyTreeCheckpointCosigns() throws Exception {
    TestKeys.Witness witness = TestKeys.witness("w", 9);
    Checkpoint empty = new Checkpoint("example.com/log", 0, Rfc6962.emptyRoot(), List.of());
    Cosignature cosignature = new Cosigner(witness.signer(), Clock.systemUTC()).cosign(empty, 0);
    witness.verifier().verify(empty.format(), cosignature);
    assertArrayEquals(new byte[8], java.util.Arrays.copyOf(cosignature.signatureBytes(), 8));
  }

  static String example(String title) {
    String all = TestKeys.resource("notes/real/c2sp/examples.txt");
    for (String part : all.split("(?m)^===== ")) {
      if (part.startsWith(title)) {
        return part.substring(part.indexOf('\n') + 1);
      }
    }
    throw new IllegalStateException("no example titled " + title);
  }
}
