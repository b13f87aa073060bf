package dev.waxseal.merkle.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture file per parsing rule under {@code src/test/resources/notes/}: every {@code
 * error_<rule>.txt} must be rejected with exactly its message, every {@code valid_*.txt} must
 * format back to the same bytes. Each fixture is a whole signed checkpoint, read as bytes and run
 * through the pipeline a client uses: {@code Checkpoint.parse(SignedNote.parse(bytes).text())}.
 */
class NoteFixturesTest {
  /** The exact message for each rejection fixture; a fixture missing here fails the build. */
  private static final Map<String, String> REJECTIONS =
      new TreeMap<>(
          Map.ofEntries(
              // signed-note framing (C2SP signed-note "Format")
              Map.entry("error_invalid_utf8", "note is not valid UTF-8"),
              Map.entry("error_control_character", "line 1: control character U+0009"),
              Map.entry("error_carriage_return", "line 1: control character U+000D"),
              Map.entry("error_missing_final_newline", "note does not end with a newline"),
              Map.entry("error_no_blank_line", "note has no blank line before the signature lines"),
              Map.entry(
                  "error_no_signature_lines",
                  "note has no signature lines after the last blank line"),
              Map.entry(
                  "error_hyphen_instead_of_em_dash",
                  "line 5: signature line does not start with an em dash (U+2014) and a space"),
              Map.entry(
                  "error_no_space_in_signature_line",
                  "line 5: signature line has no space between key name and signature"),
              Map.entry("error_empty_key_name", "line 5: empty key name"),
              Map.entry(
                  "error_plus_in_key_name",
                  "line 5: key name \"example.com/log+testdata\" contains '+'"),
              Map.entry(
                  "error_space_in_key_name",
                  "line 5: key name \"example.com/log\u00a0testdata\" contains a space"),
              Map.entry("error_signature_not_base64", "line 5: signature is not valid base64"),
              Map.entry(
                  "error_signature_unpadded", "line 5: signature is not canonical padded base64"),
              Map.entry(
                  "error_signature_too_short",
                  "line 5: signature is 4 bytes, want at least 5 (key id and signature)"),
              Map.entry("error_too_many_signatures", "line 105: more than 100 signature lines"),
              // checkpoint body (C2SP tlog-checkpoint "Note text")
              Map.entry(
                  "error_too_few_lines",
                  "checkpoint has 2 lines, want at least 3 (origin, tree size, root hash)"),
              Map.entry("error_empty_origin", "line 1: empty origin"),
              Map.entry("error_empty_size", "line 2: empty tree size"),
              Map.entry("error_plus_sign_size", "line 2: tree size \"+15\" has a sign"),
              Map.entry("error_negative_size", "line 2: tree size \"-1\" has a sign"),
              Map.entry("error_leading_zero_size", "line 2: tree size \"015\" has a leading zero"),
              Map.entry(
                  "error_space_in_size",
                  "line 2: tree size \"15 \" has a character that is not a decimal digit"),
              Map.entry(
                  "error_non_ascii_digit_size",
                  "line 2: tree size \"\u0661\u0665\" has a character that is not a decimal digit"),
              Map.entry(
                  "error_overflow_size",
                  "line 2: tree size \"9223372036854775808\" does not fit in a signed 64-bit"
                      + " integer"),
              Map.entry("error_short_root", "line 3: root hash is 31 bytes, want 32"),
              Map.entry("error_long_root", "line 3: root hash is 33 bytes, want 32"),
              Map.entry("error_empty_root", "line 3: root hash is 0 bytes, want 32"),
              Map.entry("error_root_not_base64", "line 3: root hash is not valid base64"),
              Map.entry("error_unpadded_root", "line 3: root hash is not canonical padded base64"),
              Map.entry(
                  "error_root_nonzero_trailing_bits",
                  "line 3: root hash is not canonical padded base64"),
              Map.entry("error_empty_extension_line", "line 4: empty extension line")));

  private static final AtomicInteger exercised = new AtomicInteger();

  static Stream<String> rejectionFixtures() {
    return Fixtures.names("", "error_").stream();
  }

  static Stream<String> validFixtures() {
    return Fixtures.names("", "valid_").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectionFixtures")
  void rejectsWithExactMessage(String file) {
    String rule = file.substring(0, file.length() - ".txt".length());
    String want = REJECTIONS.get(rule);
    if (want == null) {
      throw new AssertionError("no expected message for fixture " + file);
    }
    byte[] note = Fixtures.bytes(file);
    NoteFormatException e =
        assertThrows(
            NoteFormatException.class, () -> Checkpoint.parse(SignedNote.parse(note).text()));
    assertEquals(want, e.getMessage(), file);
    exercised.incrementAndGet();
  }

  @Test
  void everyRuleHasItsFixture() {
    assertEquals(
        REJECTIONS.keySet().stream().map(rule -> rule + ".txt").toList(),
        Fixtures.names("", "error_"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void validFixtureRoundTripsByteForByte(String file) {
    byte[] bytes = Fixtures.bytes(file);
    SignedNote note = SignedNote.parse(bytes);
    assertEquals(
        new String(bytes, StandardCharsets.UTF_8), note.format(), file + ": note round trip");
    if (!file.equals("valid_blank_lines_in_text.txt")) {
      assertEquals(note.text(), Checkpoint.parse(note.text()).format(), file + ": checkpoint");
    }
    exercised.incrementAndGet();
  }

  @AfterAll
  static void printCount() {
    System.out.printf(
        "NoteFixturesTest: %d note fixtures exercised (%d rejection rules)%n",
        exercised.get(), REJECTIONS.size());
  }
}
