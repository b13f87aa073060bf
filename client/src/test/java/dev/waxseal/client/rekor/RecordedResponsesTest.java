package dev.waxseal.client.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.client.Fixtures;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.VerificationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Rekor LogEntry responses and bundles, as recorded by Sigstore client test suites. */
class RecordedResponsesTest {
  @Test
  void parsesAndVerifiesAPublicGoodResponseWithAn80HexId() throws Exception {
    List<LogEntry> entries =
        RekorClient.parse(
            Fixtures.bytes("client-selftest/sigstore-java/rekor-response-jar-entry.json"), "jar");
    LogEntry entry = entries.get(0);
    assertEquals(Optional.of(3904496407287907110L), entry.treeId());
    assertEquals(3120029, entry.logIndex());
    new EntryVerifier(new CheckpointVerifier(Fixtures.publicGoodKey())).verify(entry);
  }

  @Test
  void shardedStagingEntryHasAVirtualIndexAndAShardLocalProof() throws Exception {
    LogEntry entry =
        RekorClient.parse(
                Fixtures.bytes("client-selftest/sigstore-java/rekor-response-entry.json"), "entry")
            .get(0);
    assertEquals(Optional.empty(), entry.treeId());
    assertEquals(1688, entry.logIndex());
    assertEquals(1227, entry.inclusionProof().orElseThrow().index());
    LogKey staging =
        LogKey.fromPem(Fixtures.text("client-selftest/sigstore-java/rekor-response-rekor.pub"));
    assertEquals(
        14358,
        new EntryVerifier(new CheckpointVerifier(staging)).verify(entry).orElseThrow().size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "checkpoint-bad-keyhint_fail",
        "checkpoint-wrong-roothash_fail",
        "inclusion-proof-corrupted-hash_fail",
        "invalid-checkpoint-signature_fail",
        "invalid-inclusion-proof_fail"
      })
  void conformanceFailuresAreRefused(String testCase) {
    LogEntry entry =
        Fixtures.bundleEntry(
            "client-selftest/sigstore-conformance/" + testCase + "/bundle.sigstore.json");
    assertThrows(
        VerificationException.class,
        () -> new EntryVerifier(new CheckpointVerifier(Fixtures.publicGoodKey())).verify(entry));
  }

  @Test
  void conformanceHappyPathVerifies() throws Exception {
    LogEntry entry =
        Fixtures.bundleEntry(
            "client-selftest/sigstore-conformance/happy-path-v0.3/bundle.sigstore.json");
    new EntryVerifier(new CheckpointVerifier(Fixtures.publicGoodKey())).verify(entry);
  }
}
