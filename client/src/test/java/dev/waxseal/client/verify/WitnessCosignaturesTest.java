package dev.waxseal.client.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.Fixtures;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cosigned Tessera checkpoints with generated witnesses, and a real Rekor v2 cosigned one. */
class WitnessCosignaturesTest {
  private static final VerifierKey LOG =
      VerifierKey.parse(
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");

  private record Witness(String name, KeyPair keys, VerifierKey vkey) {
    static Witness generate(String name) throws Exception {
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = keys.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      byte[] blob = new byte[33];
      blob[0] = NoteKeys.ED25519_COSIGNATURE;
      System.arraycopy(raw, 0, blob, 1, 32);
      int id = NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, raw);
      VerifierKey vkey =
          VerifierKey.parse(
              name + "+" + NoteKeys.keyIdHex(id) + "+" + Base64.getEncoder().encodeToString(blob));
      return new Witness(name, keys, vkey);
    }

    String line(String text, long timestamp) throws Exception {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(WitnessCosignatures.message(text, timestamp));
      byte[] signature = ByteBuffer.allocate(72).putLong(timestamp).put(signer.sign()).array();
      return NoteSignature.of(name, vkey.keyId(), signature).line();
    }
  }

  private static String cosigned(Witness... witnesses) throws Exception {
    String note = Fixtures.text("tlog-tiles/tessera-testdata-log/checkpoint");
    String text = SignedNote.parse(note).text();
    StringBuilder out = new StringBuilder(note);
    for (Witness witness : witnesses) {
      out.append(witness.line(text, 1_700_000_000L));
    }
    return out.toString();
  }

  private static CheckpointVerifier verifier(WitnessPolicy policy) {
    return new CheckpointVerifier(LogKey.fromVerifierKey(LOG), Optional.empty(), policy);
  }

  @Test
  void twoOfThreeWitnessesSuffice() throws Exception {
    Witness a = Witness.generate("witness.a.example");
    Witness b = Witness.generate("witness.b.example");
    Witness c = Witness.generate("witness.c.example");
    WitnessPolicy policy = WitnessCosignatures.kOfN(2, List.of(a.vkey(), b.vkey(), c.vkey()));
    Checkpoint checkpoint = verifier(policy).verify(cosigned(a, c));
    assertEquals(15, checkpoint.size());
  }

  @Test
  void oneOfTwoRequiredIsNotEnoughAndSaysWhoIsMissing() throws Exception {
    Witness a = Witness.generate("witness.a.example");
    Witness b = Witness.generate("witness.b.example");
    Witness stranger = Witness.generate("witness.stranger.example");
    WitnessPolicy policy = WitnessCosignatures.kOfN(2, List.of(a.vkey(), b.vkey()));
    VerificationException e =
        assertThrows(
            VerificationException.class, () -> verifier(policy).verify(cosigned(a, stranger)));
    assertEquals(
        "witness policy: 1 of 2 required cosignatures on size 15 verified [witness.a.example],"
            + " missing [witness.b.example]",
        e.getMessage());
  }

  @Test
  void aCosignatureOverAnotherTimestampFails() throws Exception {
    Witness a = Witness.generate("witness.a.example");
    String note = cosigned(a);
    // Re-encode the cosignature line with the timestamp changed: the signature no longer fits.
    String[] lines = note.split("\n");
    String last = lines[lines.length - 1];
    String base64 = last.substring(last.lastIndexOf(' ') + 1);
    byte[] bytes = Base64.getDecoder().decode(base64);
    bytes[4 + 7] ^= 1;
    String forged = note.replace(base64, Base64.getEncoder().encodeToString(bytes));
    WitnessPolicy policy = WitnessCosignatures.kOfN(1, List.of(a.vkey()));
    VerificationException e =
        assertThrows(VerificationException.class, () -> verifier(policy).verify(forged));
    assertTrue(
        e.getMessage().startsWith("cosignature by witness.a.example on size 15"), e.getMessage());
  }

  @Test
  void realRekorV2CheckpointWithUnknownWitnessesVerifiesOnlyWithoutAPolicy() throws Exception {
    String note =
        Fixtures.json("rekor-v2/rekor2-dsse-happy-path.bundle.sigstore.json")
            .path("verificationMaterial")
            .path("tlogEntries")
            .get(0)
            .path("inclusionProof")
            .path("checkpoint")
            .path("envelope")
            .stringValue();
    String rawKey =
        Fixtures.json("rekor-v2/rekor2-dsse-happy-path.trusted_root.json")
            .path("tlogs")
            .get(
                Fixtures.json("rekor-v2/rekor2-dsse-happy-path.trusted_root.json")
                        .path("tlogs")
                        .size()
                    - 1)
            .path("publicKey")
            .path("rawBytes")
            .stringValue();
    LogKey key = LogKey.of(PublicKeys.fromSpki(Base64.getDecoder().decode(rawKey)));
    assertEquals(4026479, new CheckpointVerifier(key).verify(note).size());
    Witness ours = Witness.generate("witness.stagemole.eu");
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                new CheckpointVerifier(
                        key, Optional.empty(), WitnessCosignatures.kOfN(1, List.of(ours.vkey())))
                    .verify(note));
    assertTrue(e.getMessage().startsWith("witness policy: 0 of 1"), e.getMessage());
  }
}
