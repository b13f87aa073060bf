package dev.waxseal.merkle.note;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz targets for the signed-note parsers, which read what a log or a witness
 * sends. Each input either parses, and then formats back to a text that parses to the same value,
 * or is refused with {@link NoteFormatException}; anything else thrown is a finding. In the normal
 * build these run over {@code NoteFuzzTestInputs/} only; {@code JAZZER_FUZZ=1} fuzzes (see
 * docs/fuzzing.md).
 */
@Timeout(10)
class NoteFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void signedNote(byte[] input) {
    SignedNote note;
    try {
      note = SignedNote.parse(input);
    } catch (NoteFormatException refused) {
      return;
    }
    assertEquals(note, SignedNote.parse(note.format()), "format() must parse back to the note");
  }

  @FuzzTest(maxDuration = "2m")
  void checkpoint(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (NoteFormatException refused) {
      return;
    }
    assertEquals(checkpoint, Checkpoint.parse(checkpoint.format()));
    assertEquals(text, checkpoint.format(), "a checkpoint that parses has one text");
  }

  @FuzzTest(maxDuration = "2m")
  void verifierKey(byte[] input) {
    String vkey = new String(input, StandardCharsets.UTF_8);
    VerifierKey key;
    try {
      key = VerifierKey.parse(vkey);
    } catch (NoteFormatException refused) {
      return;
    }
    assertEquals(key, VerifierKey.parse(key.format()));
  }
}
