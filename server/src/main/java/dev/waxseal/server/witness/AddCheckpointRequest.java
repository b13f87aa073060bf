package dev.waxseal.server.witness;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.SignedNote;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of {@code POST /add-checkpoint} (C2SP tlog-witness), parsed strictly.
 *
 * <pre>
 * old 20852014\n                                      old size: decimal, no sign, no leading zero
 * PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n      0..63 consistency proof hashes, base64
 * \n                                                  blank line
 * example.com/behind-the-sofa\n                       the signed checkpoint (note), unchanged
 * 20852163\n …
 * </pre>
 *
 * @param oldSize the size the client believes the witness last cosigned
 * @param proof the consistency proof from {@code oldSize} to the checkpoint's size
 * @param note the signed checkpoint note, signatures not yet verified
 */
record AddCheckpointRequest(long oldSize, List<Hash> proof, SignedNote note) {
  /** The most proof lines a client may send (tlog-witness); a proof for 2^63 leaves needs fewer. */
  static final int MAX_PROOF_LINES = 63;

  AddCheckpointRequest {
    proof = List.copyOf(proof);
  }

  /**
   * Parses a request body.
   *
   * @throws WitnessException 400 naming the line and the rule that is broken
   */
  static AddCheckpointRequest parse(byte[] body) {
    String text = utf8(body);
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw WitnessException.badRequest(
          "request body has no blank line: want \"old <size>\", proof lines, a blank line, then"
              + " the checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    long oldSize = oldSize(lines[0]);
    if (lines.length - 1 > MAX_PROOF_LINES) {
      throw WitnessException.badRequest(
          "request has " + (lines.length - 1) + " proof lines, at most " + MAX_PROOF_LINES);
    }
    List<Hash> proof = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      proof.add(proofHash(lines[i], i + 1));
    }
    SignedNote note;
    try {
      note = SignedNote.parse(text.substring(blank + 2));
    } catch (NoteFormatException e) {
      throw WitnessException.badRequest("checkpoint note is malformed: " + e.getMessage());
    }
    return new AddCheckpointRequest(oldSize, proof, note);
  }

  /** The checkpoint's origin: the first line of the note text. */
  String origin() {
    String text = note.text();
    return text.substring(0, text.indexOf('\n'));
  }

  private static long oldSize(String line) {
    if (!line.startsWith("old ")) {
      throw WitnessException.badRequest("line 1: want \"old <size>\", got \"" + clip(line) + "\"");
    }
    String digits = line.substring(4);
    if (!digits.matches("0|[1-9][0-9]{0,18}")) {
      throw WitnessException.badRequest(
          "line 1: old size \""
              + clip(digits)
              + "\" is not a decimal without sign or leading zero");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw WitnessException.badRequest("line 1: old size " + digits + " does not fit in 63 bits");
    }
  }

  private static Hash proofHash(String line, int lineNumber) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != Hash.SIZE || !Base64.getEncoder().encodeToString(bytes).equals(line)) {
      throw WitnessException.badRequest(
          "line " + lineNumber + ": proof hash is not 32 bytes in padded base64");
    }
    return Hash.of(bytes);
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw WitnessException.badRequest("request body is not valid UTF-8");
    }
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
