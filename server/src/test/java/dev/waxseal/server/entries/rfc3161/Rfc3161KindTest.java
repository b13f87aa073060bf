package dev.waxseal.server.entries.rfc3161;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalEntry;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.dsse.Signers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** rfc3161 0.0.1 against responses from a time-stamp authority made in the test. */
class Rfc3161KindTest {
  private static final TestAuthority TSA = new TestAuthority();
  private static final byte[] ARTIFACT = "stamped artifact\n".getBytes(StandardCharsets.UTF_8);
  private final Rfc3161Kind kind = new Rfc3161Kind();

  private static JsonNode spec(String content) {
    return CanonicalJson.parse(
        ("{\"tsr\":{\"content\":\"" + content + "\"}}").getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private InvalidEntryException rejection(JsonNode spec) {
    return (InvalidEntryException)
        org.assertj.core.api.Assertions.catchThrowable(
            () -> kind.canonicalize(spec, Purpose.APPEND));
  }

  @Test
  void keepsTheResponseAndIndexesItsHash() {
    byte[] tsr = TSA.respond(ARTIFACT, true);

    CanonicalEntry entry = kind.canonicalize(spec(b64(tsr)), Purpose.APPEND);

    assertThat(new String(entry.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"rfc3161\",\"spec\":{\"tsr\":{\"content\":\""
                + b64(tsr)
                + "\"}}}");
    assertThat(entry.searchKeys()).containsExactly("sha256:" + Signers.sha256Hex(tsr));
  }

  @Test
  void reEncodesBase64WithLineBreaksAsRekorDoes() {
    byte[] tsr = TSA.respond(ARTIFACT, true);
    String wrapped = b64(tsr).substring(0, 20) + "\\n" + b64(tsr).substring(20);

    CanonicalEntry entry = kind.canonicalize(spec(wrapped), Purpose.APPEND);

    assertThat(entry).isEqualTo(kind.canonicalize(spec(b64(tsr)), Purpose.APPEND));
  }

  @Test
  void rejectsATokenWithoutTheSignersCertificate() {
    byte[] tsr = TSA.respond(ARTIFACT, false);

    assertThat(rejection(spec(b64(tsr))))
        .hasMessage("tsr verification error: the signer's certificate is not in the token")
        .extracting(InvalidEntryException::reason)
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void rejectsATamperedToken() {
    byte[] tsr = TSA.respond(ARTIFACT, true);
    byte[] tampered = tsr.clone();
    // The signature is the last element of the SignerInfo, at the end of the response.
    tampered[tampered.length - 3] ^= 0x01;

    assertThat(rejection(spec(b64(tampered))))
        .hasMessage(
            "tsr verification error: signature does not verify with the signer's certificate")
        .extracting(InvalidEntryException::reason)
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void rejectsARejectionResponse() {
    assertThat(rejection(spec(b64(TSA.reject())))).hasMessage("tsr status not granted: 2");
  }

  @Test
  void rejectsOversizedResponses() {
    byte[] big = new byte[Rfc3161Kind.MAX_TSR_SIZE + 1];
    assertThat(rejection(spec(b64(big)))).hasMessage("tsr exceeds maximum allowed size (10kB)");
  }

  @Test
  void rejectsTrailingBytesAndGarbage() {
    byte[] tsr = TSA.respond(ARTIFACT, true);
    byte[] trailing = java.util.Arrays.copyOf(tsr, tsr.length + 1);
    assertThat(rejection(spec(b64(trailing))).getMessage()).startsWith("tsr is not a DER");
    assertThat(rejection(spec(b64(new byte[] {1, 2, 3}))).getMessage())
        .startsWith("tsr is not a DER");
  }

  @Test
  void rejectsMissingFieldsAndUrls() {
    assertThatThrownBy(
            () -> kind.canonicalize(CanonicalJson.parse("{}".getBytes()), Purpose.APPEND))
        .hasMessage("tsr in body is required");
    assertThatThrownBy(
            () -> kind.canonicalize(CanonicalJson.parse("{\"tsr\":{}}".getBytes()), Purpose.APPEND))
        .hasMessage("tsr.content in body is required");
    assertThat(rejection(spec(""))).hasMessage("'content' must be specified for data");
    assertThat(rejection(spec("!!"))).hasMessageContaining("base64");
    assertThatThrownBy(
            () ->
                kind.canonicalize(
                    CanonicalJson.parse(
                        "{\"tsr\":{\"url\":\"https://example.com/t.tsr\"}}".getBytes()),
                    Purpose.APPEND))
        .hasMessageContaining("cannot be fetched");
  }

  /**
   * Fuzzing finding (Rfc3161FuzzTest): a token whose certificate does not parse made Bouncy Castle
   * throw IllegalArgumentException once the signer's certificate was looked up, a 500.
   */
  @Test
  void malformedCertificateInTheTokenIsRefusedNotAServerError() throws Exception {
    byte[] tsr;
    try (var in =
        getClass()
            .getResourceAsStream(
                "Rfc3161FuzzTestInputs/timeStampResponse/finding-malformed-certificate-in-signed-data.tsr")) {
      tsr = in.readAllBytes();
    }

    assertThat(rejection(spec(b64(tsr))))
        .hasMessage("tsr verification error: malformed SignedData");
  }
}
