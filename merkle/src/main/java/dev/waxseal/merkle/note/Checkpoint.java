package dev.waxseal.merkle.note;

import dev.waxseal.merkle.Hash;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;

/**
 * A transparency-log checkpoint (C2SP tlog-checkpoint): the note text of a signed tree head.
 *
 * <pre>
 * rekor.sigstore.dev - 2605736670972794746\n   line 1  origin, non-empty
 * 27657875\n                                   line 2  tree size, canonical decimal
 * v+7gOn1wovHHKBEVizJ5FFgTKUBCN9UxLo5KQ1Jz8cw=\n line 3  root hash, padded base64 of 32 bytes
 * Timestamp: 1692374735595899989\n             line 4+ extension lines, non-empty, optional
 * </pre>
 *
 * <p>Both dialects share this text: Rekor v1 uses origin {@code "<host> - <treeID>"} ({@link
 * NoteKeys#rekorOrigin}) and once wrote a {@code Timestamp: <ns>} extension line; C2SP logs use a
 * schema-less URL. {@link #parse} and {@link #format} are exact inverses on valid text.
 *
 * @param origin the log identity, non-empty, one line
 * @param size the number of leaves, {@code >= 0}
 * @param rootHash the RFC 6962 root of the first {@code size} leaves
 * @param extensions extension lines, each non-empty and one line; usually empty
 */
public record Checkpoint(String origin, long size, Hash rootHash, List<String> extensions) {
  /**
   * Validates and copies the fields.
   *
   * @throws IllegalArgumentException if {@code origin} or an extension is empty or not one line of
   *     valid characters, or {@code size} is negative
   */
  public Checkpoint {
    requireLine(origin, "origin");
    if (size < 0) {
      throw new IllegalArgumentException("tree size " + size + " is negative");
    }
    extensions = List.copyOf(extensions);
    for (String extension : extensions) {
      requireLine(extension, "extension line");
    }
  }

  /**
   * Parses checkpoint note text strictly (the {@link SignedNote#text()}, not the whole note).
   *
   * <p>Rules: final newline, at least three lines, non-empty origin, tree size in ASCII digits
   * without sign or leading zero ({@code 0} for the empty tree) that fits in a {@code long}, root
   * hash as canonical padded base64 of exactly 32 bytes, extension lines non-empty.
   *
   * @throws NoteFormatException naming the line (1-based) and the rule, if any rule is broken
   */
  public static Checkpoint parse(String text) {
    SignedNote.checkCharacters(text);
    if (!text.endsWith("\n")) {
      throw new NoteFormatException("checkpoint text does not end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new NoteFormatException(
          "checkpoint has "
              + lines.length
              + (lines.length == 1 ? " line" : " lines")
              + ", want at least 3 (origin, tree size, root hash)");
    }
    if (lines[0].isEmpty()) {
      throw new NoteFormatException("line 1: empty origin");
    }
    long size = parseSize(lines[1]);
    Hash rootHash = parseRootHash(lines[2]);
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new NoteFormatException("line " + (i + 1) + ": empty extension line");
      }
    }
    return new Checkpoint(lines[0], size, rootHash, List.of(lines).subList(3, lines.length));
  }

  /**
   * Parses a signed checkpoint, verifies it against trusted keys, then parses its text.
   *
   * <p>The text is only parsed once a known key has verified it (C2SP signed-note: the text MUST be
   * ignored until then).
   *
   * @throws NoteFormatException if the note or the checkpoint text is malformed
   * @throws NoteVerificationException if no known key verifies the note ({@link SignedNote#verify})
   */
  public static Checkpoint open(String signedNote, Collection<? extends NoteVerifier> verifiers)
      throws NoteVerificationException {
    SignedNote note = SignedNote.parse(signedNote);
    note.verify(verifiers);
    return parse(note.text());
  }

  /** The checkpoint note text: origin, size, base64 root and extension lines, each ending "\n". */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(origin)
        .append('\n')
        .append(size)
        .append('\n')
        .append(rootHash.base64())
        .append('\n');
    extensions.forEach(extension -> out.append(extension).append('\n'));
    return out.toString();
  }

  /**
   * Signs this checkpoint with every signer and returns the signed note; {@code
   * sign(signers).format()} is what a log serves.
   *
   * <p>Rekor v1: one signer named {@link NoteKeys#rekorKeyName} with key id {@link
   * NoteKeys#spkiKeyId}. C2SP: a signer named {@link #origin()} (SHOULD) with an Ed25519 key id.
   *
   * @throws IllegalArgumentException if {@code signers} is empty or has two with the same key
   * @throws GeneralSecurityException if a signer fails
   */
  public SignedNote sign(List<? extends NoteSigner> signers) throws GeneralSecurityException {
    return SignedNote.sign(format(), signers);
  }

  private static long parseSize(String line) {
    String where = "line 2: tree size \"" + line + "\" ";
    if (line.isEmpty()) {
      throw new NoteFormatException("line 2: empty tree size");
    }
    if (line.charAt(0) == '+' || line.charAt(0) == '-') {
      throw new NoteFormatException(where + "has a sign");
    }
    if (line.length() > 1 && line.charAt(0) == '0') {
      throw new NoteFormatException(where + "has a leading zero");
    }
    long size = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new NoteFormatException(where + "has a character that is not a decimal digit");
      }
      try {
        size = Math.addExact(Math.multiplyExact(size, 10), c - '0');
      } catch (ArithmeticException e) {
        throw new NoteFormatException(where + "does not fit in a signed 64-bit integer");
      }
    }
    return size;
  }

  private static Hash parseRootHash(String line) {
    byte[] root = SignedNote.decodeBase64(line, "line 3: root hash");
    if (root.length != Hash.SIZE) {
      throw new NoteFormatException(
          "line 3: root hash is " + root.length + " bytes, want " + Hash.SIZE);
    }
    SignedNote.requireCanonicalBase64(line, root, "line 3: root hash");
    return Hash.of(root);
  }

  private static void requireLine(String value, String what) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " contains a newline");
    }
    SignedNote.checkCharacters(value);
  }
}
