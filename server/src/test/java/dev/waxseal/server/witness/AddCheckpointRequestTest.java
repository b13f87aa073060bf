package dev.waxseal.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The add-checkpoint body grammar (C2SP tlog-witness): the spec's example, and every 400. */
class AddCheckpointRequestTest {
  private static final String NOTE =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
          + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  private static final String HASH = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=";

  @Test
  void parsesTheSpecExample() {
    String body =
        "old 20852014\n"
            + HASH
            + "\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
            + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
            + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\n"
            + NOTE;
    AddCheckpointRequest request = parse(body);
    assertThat(request.oldSize()).isEqualTo(20852014L);
    assertThat(request.proof()).hasSize(4);
    assertThat(request.proof().get(0).base64()).isEqualTo(HASH);
    assertThat(request.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(request.note().format()).isEqualTo(NOTE);
  }

  @Test
  void parsesOldZeroWithoutProof() {
    AddCheckpointRequest request = parse("old 0\n\n" + NOTE);
    assertThat(request.oldSize()).isZero();
    assertThat(request.proof()).isEmpty();
  }

  @Test
  void rejectsEveryMalformedBody() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(
        "old 0\n" + NOTE.replace("\n\n", "\n"),
        "request body has no blank line: want \"old <size>\", proof lines, a blank line, then the checkpoint");
    cases.put("new 0\n\n" + NOTE, "line 1: want \"old <size>\", got \"new 0\"");
    cases.put(
        "old  0\n\n" + NOTE,
        "line 1: old size \" 0\" is not a decimal without sign or leading zero");
    cases.put(
        "old 007\n\n" + NOTE,
        "line 1: old size \"007\" is not a decimal without sign or leading zero");
    cases.put(
        "old +7\n\n" + NOTE,
        "line 1: old size \"+7\" is not a decimal without sign or leading zero");
    cases.put(
        "old -1\n\n" + NOTE,
        "line 1: old size \"-1\" is not a decimal without sign or leading zero");
    cases.put(
        "old \n\n" + NOTE, "line 1: old size \"\" is not a decimal without sign or leading zero");
    cases.put(
        "old 9223372036854775808\n\n" + NOTE,
        "line 1: old size 9223372036854775808 does not fit in 63 bits");
    cases.put(
        "old 5\nnot-base64!\n\n" + NOTE, "line 2: proof hash is not 32 bytes in padded base64");
    cases.put(
        "old 5\n" + HASH.substring(0, 43) + "\n\n" + NOTE,
        "line 2: proof hash is not 32 bytes in padded base64");
    cases.put(
        "old 5\n" + HASH + "\nAAAA\n\n" + NOTE,
        "line 3: proof hash is not 32 bytes in padded base64");
    cases.put(
        "old 5\n" + (HASH + "\n").repeat(64) + "\n" + NOTE,
        "request has 64 proof lines, at most 63");
    cases.put(
        "old 5\n\n" + NOTE.replace("— ", "- "),
        "checkpoint note is malformed: line 5: signature line does not start with an em dash (U+2014) and a space");
    cases.put(
        "old 5\n\nexample.com/x\n5\n",
        "checkpoint note is malformed: note has no blank line before the signature lines");
    SoftAssertions softly = new SoftAssertions();
    cases.forEach(
        (body, message) ->
            softly
                .assertThatThrownBy(() -> parse(body))
                .as(body)
                .isInstanceOf(WitnessException.class)
                .hasMessage(message)
                .extracting(e -> ((WitnessException) e).status())
                .isEqualTo(400));
    softly.assertAll();
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] body = ("old 0\n\n" + NOTE).getBytes(StandardCharsets.UTF_8);
    body[body.length - 5] = (byte) 0xff;
    assertThatThrownBy(() -> AddCheckpointRequest.parse(body))
        .hasMessage("request body is not valid UTF-8");
  }

  @Test
  void acceptsSixtyThreeProofLines() {
    assertThat(parse("old 5\n" + (HASH + "\n").repeat(63) + "\n" + NOTE).proof()).hasSize(63);
  }

  private static AddCheckpointRequest parse(String body) {
    return AddCheckpointRequest.parse(body.getBytes(StandardCharsets.UTF_8));
  }
}
