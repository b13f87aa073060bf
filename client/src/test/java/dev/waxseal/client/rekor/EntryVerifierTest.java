package dev.waxseal.client.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.Fixtures;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.InclusionProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryVerifierTest {
  private final EntryVerifier verifier =
      new EntryVerifier(new CheckpointVerifier(Fixtures.publicGoodKey()));

  @Test
  void verifiesPublicGoodHashedrekordEntry() throws Exception {
    LogEntry entry =
        Fixtures.bundleEntry("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json");
    Checkpoint checkpoint = verifier.verify(entry).orElseThrow();
    assertEquals(75408393, checkpoint.size());
  }

  @Test
  void verifiesPublicGoodIntotoEntryWithTimestampedCheckpoint() throws Exception {
    LogEntry entry = Fixtures.bundleEntry("rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json");
    assertTrue(verifier.verify(entry).isPresent());
  }

  @Test
  void verifiesSetOnlyBundle() throws Exception {
    LogEntry entry = Fixtures.bundleEntry("rekor-v1/bundle-v0.1-set-only-provenance.json");
    assertTrue(verifier.verify(entry).isEmpty());
  }

  @Test
  void rejectsSetOverAnotherIndex() {
    LogEntry entry =
        Fixtures.bundleEntry("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json");
    LogEntry moved =
        new LogEntry(
            entry.entryId(),
            entry.bodyBase64(),
            entry.integratedTime(),
            entry.logId(),
            entry.logIndex() + 1,
            entry.inclusionProof(),
            entry.proofRootHash(),
            entry.checkpoint(),
            entry.signedEntryTimestamp(),
            entry.attestation());
    VerificationException e =
        assertThrows(VerificationException.class, () -> verifier.verify(moved));
    assertTrue(e.getMessage().startsWith("entry 79571824: SET"), e.getMessage());
  }

  @Test
  void rejectsInclusionProofWithAFlippedHash() {
    LogEntry entry =
        Fixtures.bundleEntry("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json");
    InclusionProof proof = entry.inclusionProof().orElseThrow();
    List<Hash> hashes = new ArrayList<>(proof.hashes());
    byte[] first = hashes.get(0).bytes();
    first[0] ^= 1;
    hashes.set(0, Hash.of(first));
    LogEntry bad =
        new LogEntry(
            entry.entryId(),
            entry.bodyBase64(),
            entry.integratedTime(),
            entry.logId(),
            entry.logIndex(),
            Optional.of(new InclusionProof(proof.index(), proof.treeSize(), hashes)),
            entry.proofRootHash(),
            entry.checkpoint(),
            Optional.empty(),
            entry.attestation());
    VerificationException e = assertThrows(VerificationException.class, () -> verifier.verify(bad));
    assertTrue(
        e.getMessage().contains("inclusion proof (leaf 75408392 of 75408393)"), e.getMessage());
  }

  @Test
  void rejectsBodyThatIsNotItsUuid() {
    LogEntry entry =
        Fixtures.bundleEntry("rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json");
    LogEntry bad =
        new LogEntry(
            "0".repeat(64),
            entry.bodyBase64(),
            entry.integratedTime(),
            entry.logId(),
            entry.logIndex(),
            entry.inclusionProof(),
            entry.proofRootHash(),
            entry.checkpoint(),
            entry.signedEntryTimestamp(),
            entry.attestation());
    assertThrows(VerificationException.class, () -> verifier.verify(bad));
  }
}
