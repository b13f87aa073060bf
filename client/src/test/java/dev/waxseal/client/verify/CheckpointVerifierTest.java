package dev.waxseal.client.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.Fixtures;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.WitnessPolicy;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointVerifierTest {
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  private static String v1Checkpoint() {
    return Fixtures.json("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json")
        .path("verificationMaterial")
        .path("tlogEntries")
        .get(0)
        .path("inclusionProof")
        .path("checkpoint")
        .path("envelope")
        .stringValue();
  }

  private static String v2Checkpoint() {
    return Fixtures.json("rekor-v2/rekor2-happy-path.bundle.sigstore.json")
        .path("verificationMaterial")
        .path("tlogEntries")
        .get(0)
        .path("inclusionProof")
        .path("checkpoint")
        .path("envelope")
        .stringValue();
  }

  @Test
  void verifiesPublicGoodRekorV1CheckpointWithEcdsa() throws Exception {
    Checkpoint checkpoint = new CheckpointVerifier(Fixtures.publicGoodKey()).verify(v1Checkpoint());
    assertEquals("rekor.sigstore.dev - 2605736670972794746", checkpoint.origin());
    assertEquals(75408393, checkpoint.size());
  }

  @Test
  void verifiesRekorV2CheckpointWithEd25519C2spKeyId() throws Exception {
    LogKey key =
        LogKey.of(
            PublicKeys.fromSpki(
                Base64.getDecoder()
                    .decode("MCowBQYDK2VwAyEAPn+AREHoBaZ7wgS1zBqpxmLSGnyhxXj4lFxSdWVB8o8=")));
    Checkpoint checkpoint = new CheckpointVerifier(key).verify(v2Checkpoint());
    assertEquals("log2025-alpha1.rekor.sigstage.dev", checkpoint.origin());
    assertEquals(736, checkpoint.size());
  }

  @Test
  void verifiesTesseraCheckpointFromVkey() throws Exception {
    LogKey key = LogKey.fromVerifierKey(VerifierKey.parse(TESSERA_VKEY));
    Checkpoint checkpoint =
        new CheckpointVerifier(key, Optional.of("example.com/log/testdata"), Optional.empty())
            .verify(Fixtures.text("tlog-tiles/tessera-testdata-log/checkpoint"));
    assertEquals(15, checkpoint.size());
  }

  @Test
  void rejectsWrongOrigin() {
    LogKey key = LogKey.fromVerifierKey(VerifierKey.parse(TESSERA_VKEY));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                new CheckpointVerifier(key, Optional.of("example.com/other"), Optional.empty())
                    .verify(Fixtures.text("tlog-tiles/tessera-testdata-log/checkpoint")));
    assertTrue(e.getMessage().contains("want example.com/other"), e.getMessage());
  }

  @Test
  void rejectsChangedSize() {
    String forged = v1Checkpoint().replace("\n75408393\n", "\n75408394\n");
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> new CheckpointVerifier(Fixtures.publicGoodKey()).verify(forged));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
  }

  @Test
  void rejectsCheckpointOfAnotherKey() {
    LogKey tessera = LogKey.fromVerifierKey(VerifierKey.parse(TESSERA_VKEY));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> new CheckpointVerifier(tessera).verify(v1Checkpoint()));
    assertTrue(e.getMessage().contains("no signature from a known key"), e.getMessage());
  }

  @Test
  void witnessPolicyIsApplied() throws Exception {
    // a witness that never cosigned the fixture: the quorum cannot be met
    WitnessPolicy policy = WitnessPolicy.parse("witness w " + "3b".repeat(32) + "\nquorum w\n");
    LogKey key = LogKey.fromVerifierKey(VerifierKey.parse(TESSERA_VKEY));
    String note = Fixtures.text("tlog-tiles/tessera-testdata-log/checkpoint");
    assertEquals(15, new CheckpointVerifier(key).verify(note).size());
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> new CheckpointVerifier(key, Optional.empty(), Optional.of(policy)).verify(note));
    assertTrue(e.getMessage().contains("witness quorum \"w\" not met"), e.getMessage());
  }
}
