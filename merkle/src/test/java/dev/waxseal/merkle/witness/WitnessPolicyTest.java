package dev.waxseal.merkle.witness;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.SignedNote;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sigsum policy files (sigsum-go v0.14.1 {@code pkg/policy} grammar): every rejection rule with its
 * message, and the k-of-n quorum check over cosigned checkpoints, real and generated.
 */
class WitnessPolicyTest {
  private static final String K1 = "11".repeat(32);
  private static final String K2 = "22".repeat(32);
  private static final String K3 = "33".repeat(32);

  private static final Checkpoint CHECKPOINT =
      new Checkpoint("example.com/log", 42, Rfc6962.leafHash(new byte[] {42}), List.of());

  private static final TestKeys.Witness A = TestKeys.witness("a.example/w", 11);
  private static final TestKeys.Witness B = TestKeys.witness("b.example/w", 12);
  private static final TestKeys.Witness C = TestKeys.witness("c.example/w", 13);
  private static final TestKeys.Witness D = TestKeys.witness("d.example/w", 14);

  @Test
  void parsesEveryLineKind() {
    WitnessPolicy policy =
        WitnessPolicy.parse(
            "# Sigsum-style policy\r\n"
                + "log "
                + K1
                + " https://log.example\n"
                + "\n"
                + "witness\tX1 "
                + K2
                + "\n"
                + "  witness X2   "
                + K3.toUpperCase()
                + " https://w2.example  \n"
                + "group g1 any X1 X2\n"
                + "quorum g1");
    assertEquals(1, policy.logs().size());
    assertEquals(Optional.of("https://log.example"), policy.logs().get(0).url());
    assertEquals(List.of("X1", "X2"), policy.witnesses().stream().map(PolicyEntity::name).toList());
    assertEquals(K3, policy.witnesses().get(1).publicKeyHex());
    assertEquals(Optional.empty(), policy.witnesses().get(0).url());
    assertEquals("g1", policy.quorumName());
  }

  @Test
  void rejectsEveryBrokenRule() {
    String w1 = "witness w1 " + K1 + "\n";
    String w2 = "witness w2 " + K2 + "\n";
    String w12 = w1 + w2;
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(w1 + "quorum w1\u0001\n", "line 2: invalid control character 0x01");
    cases.put(w1 + "quorum\rw1\n", "line 2: invalid control character 0x0d");
    cases.put(
        "witnesses w1 " + K1 + "\n",
        "line 1: unknown keyword \"witnesses\", want log, witness, group or quorum");
    cases.put("log\n", "line 1: log line has 0 arguments, want <hex key> [url]");
    cases.put("log " + K1 + " u extra\n", "line 1: log line has 3 arguments, want <hex key> [url]");
    cases.put(
        "log " + K1.substring(2) + "\n",
        "line 1: public key is 62 hex digits, want 64 (a 32-byte Ed25519 key)");
    cases.put(
        "log zz" + K1.substring(2) + "\n",
        "line 1: public key \"zz" + K1.substring(2) + "\" is not hex");
    cases.put("log " + K1 + "\nlog " + K1.toUpperCase() + "\n", "line 2: duplicate log key " + K1);
    cases.put("witness w1\n", "line 1: witness line has 1 arguments, want <name> <hex key> [url]");
    cases.put(
        "witness w1 " + K1 + " u x\n",
        "line 1: witness line has 4 arguments, want <name> <hex key> [url]");
    cases.put(w1 + "witness w1 " + K2 + "\n", "line 2: duplicate name \"w1\"");
    cases.put("witness none " + K1 + "\n", "line 1: duplicate name \"none\"");
    cases.put(
        w1 + "witness w2 " + K1 + "\n",
        "line 2: duplicate witness key " + K1 + " (also witness \"w1\")");
    cases.put(w12 + "group g 1 w1 w2\ngroup g 1 w1\n", "line 4: duplicate name \"g\"");
    cases.put(w12 + "group w1 1 w2\n", "line 3: duplicate name \"w1\"");
    cases.put(
        w1 + "group g 1\n",
        "line 2: group line has 2 arguments, want <name> <k|any|all> <member>...");
    cases.put(w12 + "group g 3 w1 w2\n", "line 3: group \"g\": threshold 3 out of range 1..2");
    cases.put(w12 + "group g 0 w1 w2\n", "line 3: group \"g\": threshold 0 out of range 1..2");
    for (String bad : List.of("+1", "01", "-1", "one", "1.0", "9999999999")) {
      cases.put(
          w12 + "group g " + bad + " w1 w2\n",
          "line 3: group \"g\": threshold \""
              + bad
              + "\" is not any, all or a decimal number without sign or leading zero");
    }
    cases.put(
        w1 + "group g 1 w1 w9\n", "line 2: group \"g\": undefined name \"w9\" (define it above)");
    cases.put(
        w12 + "group g 1 w1 w2\ngroup h 1 w1\n",
        "line 4: group \"h\": \"w1\" is already a member of group \"g\"");
    cases.put(
        w12 + "group g 1 w1 w1\n",
        "line 3: group \"g\": \"w1\" is already a member of group \"g\"");
    cases.put(w1 + "group g 1 w1 none\n", "line 2: group \"g\": \"none\" cannot be a group member");
    cases.put(
        w1 + "quorum\n", "line 2: quorum line has 0 arguments, want one group or witness name");
    cases.put(
        w1 + "quorum w1 w1\n",
        "line 2: quorum line has 2 arguments, want one group or witness name");
    cases.put(w1 + "quorum w1\nquorum none\n", "line 3: quorum can only be set once");
    cases.put(w1 + "quorum w9\n", "line 2: quorum: undefined name \"w9\"");
    cases.put(w1, "no quorum defined: add a line \"quorum <name|none>\"");
    cases.put("", "no quorum defined: add a line \"quorum <name|none>\"");
    List<Executable> checks = new ArrayList<>();
    cases.forEach(
        (file, want) ->
            checks.add(
                () -> {
                  PolicyFormatException e =
                      assertThrows(
                          PolicyFormatException.class, () -> WitnessPolicy.parse(file), file);
                  assertEquals(want, e.getMessage(), file);
                }));
    assertAll(checks);
  }

  @Test
  void realRekorV2CheckpointMeetsTwoOfThreeNetworkWitnesses() throws Exception {
    List<CosignatureVerifier> network = CosignatureTest.networkWitnesses();
    String file =
        "witness mullvad "
            + hex(network.get(0))
            + " https://witness.stagemole.eu\n"
            + "witness trustfabric "
            + hex(network.get(1))
            + "\n"
            + "witness geomys "
            + hex(network.get(2))
            + "\n"
            + "group public 2 mullvad trustfabric geomys\n"
            + "quorum public\n";
    SignedNote note = CosignatureTest.rekorV2Cosigned();
    assertEquals(
        Set.of("mullvad", "trustfabric", "geomys"), WitnessPolicy.parse(file).requireQuorum(note));
    assertEquals(
        Set.of("mullvad", "trustfabric", "geomys"),
        WitnessPolicy.parse(file.replace(" 2 ", " all ")).requireQuorum(note));

    String needsUnknown =
        file.replace(
            "quorum public\n",
            "witness other " + K1 + "\ngroup strict all public other\nquorum strict\n");
    NoteVerificationException e =
        assertThrows(
            NoteVerificationException.class,
            () -> WitnessPolicy.parse(needsUnknown).requireQuorum(note));
    assertEquals(
        "witness quorum \"strict\" not met: strict needs 2 of 2 (has 1: public needs 2 of 3 (has 3:"
            + " mullvad ok, trustfabric ok, geomys ok), other missing); verified cosignatures from"
            + " [mullvad, trustfabric, geomys]",
        e.getMessage());
  }

  @Test
  void nestedGroupsNeedKOfN() throws Exception {
    // quorum = all of (1 of {a, b}) and (2 of {c, d})
    String file =
        witnessLine("a", A)
            + witnessLine("b", B)
            + witnessLine("c", C)
            + witnessLine("d", D)
            + "group ab any a b\ngroup cd 2 c d\ngroup top all ab cd\nquorum top\n";
    WitnessPolicy policy = WitnessPolicy.parse(file);
    assertEquals(Set.of("a", "c", "d"), policy.requireQuorum(cosigned(A, C, D)));
    assertEquals(Set.of("b", "c", "d"), policy.requireQuorum(cosigned(B, C, D)));
    NoteVerificationException e =
        assertThrows(
            NoteVerificationException.class, () -> policy.requireQuorum(cosigned(A, B, C)));
    assertEquals(
        "witness quorum \"top\" not met: top needs 2 of 2 (has 1: ab needs 1 of 2 (has 2: a ok, b ok),"
            + " cd needs 2 of 2 (has 1: c ok, d missing)); verified cosignatures from [a, b, c]",
        e.getMessage());
  }

  @Test
  void witnessCountsOnceHoweverManyLines() throws Exception {
    WitnessPolicy policy =
        WitnessPolicy.parse(
            witnessLine("a", A) + witnessLine("b", B) + "group g 2 a b\nquorum g\n");
    assertThrows(NoteVerificationException.class, () -> policy.requireQuorum(cosigned(A, A, A)));
  }

  @Test
  void unknownLinesAreIgnoredAndNoneNeedsNothing() throws Exception {
    WitnessPolicy none = WitnessPolicy.parse(witnessLine("a", A) + "quorum none\n");
    assertEquals(Set.of(), none.requireQuorum(cosigned()));
    WitnessPolicy single = WitnessPolicy.parse(witnessLine("a", A) + "quorum a\n");
    assertEquals(Set.of("a"), single.requireQuorum(cosigned(B, A, C)));
  }

  @Test
  void invalidCosignatureFromPolicyWitnessRejectsTheCheckpoint() throws Exception {
    WitnessPolicy policy =
        WitnessPolicy.parse(
            witnessLine("a", A) + witnessLine("b", B) + "group g any a b\nquorum g\n");
    SignedNote good = cosigned(A, B);
    NoteSignature b = good.signatures().get(2);
    byte[] sig = b.signature();
    sig[71] ^= 1;
    SignedNote tampered =
        SignedNote.parse(
            good.text()
                + "\n"
                + good.signatures().get(0).line()
                + good.signatures().get(1).line()
                + NoteSignature.of(b.keyName(), b.keyId(), sig).line());
    NoteVerificationException e =
        assertThrows(NoteVerificationException.class, () -> policy.requireQuorum(tampered));
    assertEquals(
        "cosignature "
            + Cosignature.fromNoteSignature(b)
            + " does not verify with witness key "
            + B.verifier(),
        e.getMessage());
  }

  @Test
  void policyWitnessLineOfWrongLengthRejectsTheCheckpoint() throws Exception {
    WitnessPolicy policy = WitnessPolicy.parse(witnessLine("a", A) + "quorum a\n");
    NoteSignature shortLine = NoteSignature.of(A.name(), A.verifier().keyId(), new byte[64]);
    SignedNote note = SignedNote.parse(CHECKPOINT.format() + "\n" + shortLine.line());
    NoteVerificationException e =
        assertThrows(NoteVerificationException.class, () -> policy.requireQuorum(note));
    assertEquals(
        "witness \"a\" line " + shortLine + " is 64 bytes, want a 72-byte cosignature/v1",
        e.getMessage());
  }

  private static String witnessLine(String name, TestKeys.Witness witness) {
    return "witness " + name + " " + witness.hexKey() + "\n";
  }

  private static String hex(CosignatureVerifier verifier) {
    return HexFormat.of().formatHex(verifier.publicKey());
  }

  /** The checkpoint with a stand-in log line and cosignatures from each witness, in order. */
  private static SignedNote cosigned(TestKeys.Witness... witnesses) throws Exception {
    StringBuilder note = new StringBuilder(CHECKPOINT.format()).append('\n');
    note.append(NoteSignature.of("example.com/log", 1, new byte[64]).line());
    long time = 1_700_000_000L;
    for (TestKeys.Witness witness : witnesses) {
      note.append(
          new Cosigner(witness.signer(), Clock.systemUTC()).cosign(CHECKPOINT, time++).line());
    }
    return SignedNote.parse(note.toString());
  }
}
