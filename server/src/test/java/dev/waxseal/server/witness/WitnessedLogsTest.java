package dev.waxseal.server.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.note.NoteKeys;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.SignedNote;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The WAXSEAL_WITNESS_LOGS file: origins with spaces, several keys, and every rejection. */
class WitnessedLogsTest {
  private static final TestLog LOG = new TestLog("example.com/log");
  private static final TestLog OTHER = new TestLog("example.com/log");

  @Test
  void parsesLogsAndVerifiesWithTheirKeys() throws Exception {
    String rekorStyle = "rekor.example - 1234";
    TestLog rekor = new TestLog(rekorStyle.replace(" ", ""));
    WitnessedLogs logs =
        WitnessedLogs.parse(
            "# witnessed logs\n\n"
                + LOG.origin
                + " "
                + LOG.vkey().format()
                + "\n"
                + LOG.origin
                + "\t"
                + OTHER.vkey().format()
                + "\n"
                + rekorStyle
                + " "
                + rekor.vkey().format()
                + "\n");
    assertThat(logs.size()).isEqualTo(2);
    List<NoteVerifier> keys = logs.keys(LOG.origin).orElseThrow();
    assertThat(keys).hasSize(2);
    SignedNote.parse(LOG.checkpoint(3)).verify(keys);
    SignedNote.parse(OTHER.checkpoint(3)).verify(keys);
    assertThat(logs.keys(rekorStyle)).isPresent();
    assertThat(logs.keys("example.com/unknown")).isEmpty();
  }

  @Test
  void rejectsEveryBrokenLine() {
    String vkey = LOG.vkey().format();
    byte[] raw = LOG.vkey().publicKey();
    byte[] typed = new byte[33];
    typed[0] = NoteKeys.ED25519_COSIGNATURE;
    System.arraycopy(raw, 0, typed, 1, 32);
    String cosignerVkey =
        "w.example+"
            + NoteKeys.keyIdHex(NoteKeys.keyId("w.example", NoteKeys.ED25519_COSIGNATURE, raw))
            + "+"
            + Base64.getEncoder().encodeToString(typed);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("example.com/log\n", "witness logs line 1: want \"<origin> <vkey>\"");
    cases.put(
        "# c\nexample.com/log not-a-vkey\n",
        "witness logs line 2: vkey is not <name>+<key id>+<key>");
    cases.put(
        "example.com/log " + typeByte(vkey, 'B') + "\n",
        "witness logs line 1: vkey signature type 0x05 is not supported, want 0x01, 0x02 or 0x04");
    cases.put(
        "example.com/log " + vkey + "\nexample.com/log " + vkey + "\n",
        "witness logs line 2: key " + vkey + " listed twice");
    cases.put(
        "w.example " + cosignerVkey + "\n",
        "witness logs line 1: vkey w.example is a cosignature key; a log key is Ed25519 (0x01) or"
            + " ECDSA (0x02)");
    cases.put("# nothing\n\n", "the witness logs file lists no log");
    SoftAssertions softly = new SoftAssertions();
    cases.forEach(
        (file, message) ->
            softly
                .assertThatThrownBy(() -> WitnessedLogs.parse(file))
                .as(file)
                .hasMessage(message));
    softly.assertAll();
  }

  /** Replaces the first base64 character of the vkey's key (the top bits of its type byte). */
  private static String typeByte(String vkey, char first) {
    int keyStart = vkey.indexOf('+', vkey.indexOf('+') + 1) + 1;
    return vkey.substring(0, keyStart) + first + vkey.substring(keyStart + 1);
  }
}
