package dev.waxseal.client.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.Fixtures;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.Cosignature;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cosigned Tessera checkpoints with generated witnesses under merkle's Sigsum-format policies, and
 * a real Rekor v2 cosigned checkpoint.
 */
class CheckpointWitnessesTest {
  private static final VerifierKey LOG =
      VerifierKey.parse(
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");

  private record Witness(String name, KeyPair keys, byte[] raw) {
    static Witness generate(String name) throws Exception {
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = keys.getPublic().getEncoded();
      return new Witness(name, keys, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    /** The policy line; the policy-local name is the key name's first label. */
    String policyLine() {
      return "witness " + name.split("\\.")[1] + " " + HexFormat.of().formatHex(raw) + "\n";
    }

    String line(String text, long timestamp) throws Exception {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(Cosignature.signedMessage(text, timestamp));
      int id = NoteKeys.keyId(name, NoteKeys.ED25519_COSIGNATURE, raw);
      return Cosignature.of(name, id, timestamp, signer.sign()).line();
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

  private static CheckpointVerifier verifier(String policy) {
    return new CheckpointVerifier(
        LogKey.fromVerifierKey(LOG), Optional.empty(), Optional.of(WitnessPolicy.parse(policy)));
  }

  @Test
  void twoOfThreeWitnessesSuffice() throws Exception {
    Witness a = Witness.generate("witness.a.example");
    Witness b = Witness.generate("witness.b.example");
    Witness c = Witness.generate("witness.c.example");
    String policy =
        a.policyLine() + b.policyLine() + c.policyLine() + "group abc 2 a b c\nquorum abc\n";
    Checkpoint checkpoint = verifier(policy).verify(cosigned(a, c));
    assertEquals(15, checkpoint.size());
  }

  @Test
  void oneOfTwoRequiredIsNotEnoughAndSaysWhoIsMissing() throws Exception {
    Witness a = Witness.generate("witness.a.example");
    Witness b = Witness.generate("witness.b.example");
    Witness stranger = Witness.generate("witness.stranger.example");
    String policy = a.policyLine() + b.policyLine() + "group ab all a b\nquorum ab\n";
    VerificationException e =
        assertThrows(
            VerificationException.class, () -> verifier(policy).verify(cosigned(a, stranger)));
    assertEquals(
        "cosignatures on the checkpoint of example.com/log/testdata at size 15: witness quorum"
            + " \"ab\" not met: ab needs 2 of 2 (has 1: a ok, b missing); verified cosignatures"
            + " from [a]",
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
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> verifier(a.policyLine() + "quorum a\n").verify(forged));
    assertTrue(
        e.getMessage()
            .matches(
                "cosignatures on the checkpoint of example.com/log/testdata at size 15: cosignature"
                    + " witness.a.example/[0-9a-f]{8}@1700000001 does not verify with witness key"
                    + " witness.a.example/[0-9a-f]{8}"),
        e.getMessage());
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
    WitnessPolicy policy = WitnessPolicy.parse(ours.policyLine() + "quorum stagemole\n");
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> new CheckpointVerifier(key, Optional.empty(), Optional.of(policy)).verify(note));
    assertTrue(e.getMessage().contains("witness quorum \"stagemole\" not met"), e.getMessage());
  }
}
