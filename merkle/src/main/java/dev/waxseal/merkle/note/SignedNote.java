package dev.waxseal.merkle.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed note (C2SP signed-note): a text ending in a newline, a blank line, then one or more
 * signature lines {@code — <key name> base64(keyId BE ‖ signature)}.
 *
 * <pre>
 * rekor.sigstore.dev - 2605736670972794746\n   ┐
 * 75408393\n                                   │ text (signed bytes, final newline included)
 * Fnnj13Uu1jdksPc4HZLapKX329dVlD5+MGNsiqBq1XM=\n ┘
 * \n                                           ← the last blank line in the note
 * — rekor.sigstore.dev wNI9ajBFAiBT…P5w\n       ← signature lines (1..100)
 * </pre>
 *
 * <p>{@link #parse} checks syntax only; {@link #verify} checks signatures against trusted keys. The
 * text MUST be ignored until {@link #verify} has returned. Parsing is strict: every rejection
 * throws a {@link NoteFormatException} naming the line and the rule, and a parsed note formats back
 * to the same bytes.
 */
public final class SignedNote {
  /**
   * The most signature lines {@link #parse} accepts. C2SP requires at least 16; this is Go's {@code
   * golang.org/x/mod/sumdb/note} limit.
   */
  public static final int MAX_SIGNATURES = 100;

  /** Em dash (U+2014) and a space: the start of every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  private final String text;
  private final List<NoteSignature> signatures;

  private SignedNote(String text, List<NoteSignature> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Parses a signed note from its UTF-8 bytes, strictly; does not verify signatures.
   *
   * @throws NoteFormatException if {@code utf8} is not valid UTF-8 or not a well-formed note
   */
  public static SignedNote parse(byte[] utf8) {
    String note;
    try {
      note =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NoteFormatException("note is not valid UTF-8");
    }
    return parse(note);
  }

  /**
   * Parses a signed note, strictly; does not verify signatures.
   *
   * <p>Rules (C2SP signed-note "Format"): no control character other than newline, no unpaired
   * surrogate (so the note is valid UTF-8), a final newline, text and signatures split at the last
   * blank line, 1 to {@value #MAX_SIGNATURES} signature lines, each an em dash, a space, a valid
   * key name, a space and canonical padded base64 of at least 5 bytes (4-byte key id and
   * signature).
   *
   * @throws NoteFormatException naming the line and the rule, if any rule is broken
   */
  public static SignedNote parse(String note) {
    checkCharacters(note);
    if (!note.endsWith("\n")) {
      throw new NoteFormatException("note does not end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteFormatException("note has no blank line before the signature lines");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw new NoteFormatException("note has no signature lines after the last blank line");
    }
    int lineNumber = firstSignatureLine(text);
    List<NoteSignature> signatures = new ArrayList<>();
    for (int start = 0; start < block.length(); lineNumber++) {
      int end = block.indexOf('\n', start); // found: the note ends in a newline
      if (signatures.size() == MAX_SIGNATURES) {
        throw new NoteFormatException(
            "line " + lineNumber + ": more than " + MAX_SIGNATURES + " signature lines");
      }
      signatures.add(parseSignatureLine(block.substring(start, end), lineNumber));
      start = end + 1;
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Signs {@code text} with every signer, in order, and returns the signed note.
   *
   * <p>Each signer signs the UTF-8 bytes of {@code text}. Requires a non-empty text ending in a
   * newline, with no control character other than newline, and signers with distinct (key name, key
   * id) pairs.
   *
   * @throws IllegalArgumentException if the text is not valid note text ({@link
   *     NoteFormatException}), {@code signers} is empty or two signers share a name and key id
   * @throws GeneralSecurityException if a signer fails or returns an empty signature
   */
  public static SignedNote sign(String text, List<? extends NoteSigner> signers)
      throws GeneralSecurityException {
    checkText(text);
    if (signers.isEmpty() || signers.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(signers.size() + " signers, want 1 to " + MAX_SIGNATURES);
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> signatures = new ArrayList<>(signers.size());
    for (NoteSigner signer : signers) {
      String name = signer.keyName();
      int keyId = signer.keyId();
      NoteKeys.requireValidKeyName(name);
      for (NoteSignature earlier : signatures) {
        if (earlier.isBy(name, keyId)) {
          throw new IllegalArgumentException("two signers for key " + earlier);
        }
      }
      byte[] signature = signer.sign(message);
      if (signature.length == 0) {
        throw new SignatureException(
            "signer " + name + "/" + NoteKeys.keyIdHex(keyId) + " returned an empty signature");
      }
      signatures.add(NoteSignature.wrap(name, keyId, signature.clone()));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Verifies the note against trusted keys and returns the signatures that verified.
   *
   * <p>C2SP signed-note "Signatures": a signature whose (key name, key id) matches no verifier is
   * ignored (witness cosignatures, rotated keys); every signature that matches a verifier MUST
   * verify, or the whole note is rejected; at least one MUST match and verify.
   *
   * @throws IllegalArgumentException if two verifiers share a key name and key id
   * @throws NoteVerificationException if no signature is from a known key, or a signature from a
   *     known key does not verify; the message names the keys
   */
  public List<NoteSignature> verify(Collection<? extends NoteVerifier> verifiers)
      throws NoteVerificationException {
    Map<String, NoteVerifier> byKey = new HashMap<>();
    for (NoteVerifier verifier : verifiers) {
      String key = keyRef(verifier.keyName(), verifier.keyId());
      if (byKey.putIfAbsent(key, verifier) != null) {
        throw new IllegalArgumentException("two verifiers for key " + key);
      }
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    int lineNumber = firstSignatureLine(text);
    for (NoteSignature signature : signatures) {
      NoteVerifier verifier = byKey.get(keyRef(signature.keyName(), signature.keyId()));
      if (verifier != null) {
        try {
          verifier.verify(message, signature.signature());
        } catch (GeneralSecurityException e) {
          throw new NoteVerificationException(
              "line " + lineNumber + ": signature by " + signature + " does not verify", e);
        }
        verified.add(signature);
      }
      lineNumber++;
    }
    if (verified.isEmpty()) {
      throw new NoteVerificationException(
          "no signature from a known key: note is signed by "
              + signatures
              + ", known keys are "
              + byKey.keySet().stream().sorted().toList());
    }
    return List.copyOf(verified);
  }

  /** The note text: the signed bytes, ending in a newline, without the blank separator line. */
  public String text() {
    return text;
  }

  /** The signature lines in note order, known and unknown alike (unverified until verify). */
  public List<NoteSignature> signatures() {
    return signatures;
  }

  /** The note as sent on the wire: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(signature -> out.append(signature.line()));
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedNote other
        && text.equals(other.text)
        && signatures.equals(other.signatures);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + signatures.hashCode();
  }

  @Override
  public String toString() {
    return format();
  }

  /**
   * Checks that {@code text} can be signed: non-empty, ends in a newline, valid characters.
   *
   * @throws NoteFormatException if not
   */
  static void checkText(String text) {
    checkCharacters(text);
    if (!text.endsWith("\n")) {
      throw new NoteFormatException("note text does not end with a newline");
    }
  }

  /**
   * Checks that {@code s} has no control character but newline and no unpaired surrogate.
   *
   * @throws NoteFormatException naming the line, if it has
   */
  static void checkCharacters(String s) {
    int line = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c < 0x20) {
        throw new NoteFormatException(
            "line " + line + ": control character " + NoteKeys.codePoint(c));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new NoteFormatException("line " + line + ": unpaired surrogate, not valid UTF-8");
      }
    }
  }

  /**
   * Decodes standard base64 (RFC 4648 §4); call {@link #requireCanonicalBase64} on the result.
   *
   * @throws NoteFormatException {@code "<what> is not valid base64"}
   */
  static byte[] decodeBase64(String base64, String what) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException(what + " is not valid base64");
    }
  }

  /**
   * Checks that {@code base64} is the canonical encoding of {@code decoded}: padded, zero trailing
   * bits (the JDK decoder accepts both missing padding and non-zero trailing bits).
   *
   * @throws NoteFormatException {@code "<what> is not canonical padded base64"}
   */
  static void requireCanonicalBase64(String base64, byte[] decoded, String what) {
    if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new NoteFormatException(what + " is not canonical padded base64");
    }
  }

  /** Names a key as {@code <name>/<hex key id>}, as in messages and {@link NoteSignature}. */
  static String keyRef(String keyName, int keyId) {
    return keyName + "/" + NoteKeys.keyIdHex(keyId);
  }

  private static int firstSignatureLine(String text) {
    int newlines = (int) text.chars().filter(c -> c == '\n').count();
    return newlines + 2; // text lines, then the blank line
  }

  private static NoteSignature parseSignatureLine(String line, int lineNumber) {
    String where = "line " + lineNumber + ": ";
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new NoteFormatException(
          where + "signature line does not start with an em dash (U+2014) and a space");
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new NoteFormatException(
          where + "signature line has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    String problem = NoteKeys.keyNameProblem(name);
    if (problem != null) {
      throw new NoteFormatException(where + problem);
    }
    String base64 = rest.substring(space + 1);
    byte[] blob = decodeBase64(base64, where + "signature");
    requireCanonicalBase64(base64, blob, where + "signature");
    if (blob.length < 5) {
      throw new NoteFormatException(
          where + "signature is " + blob.length + " bytes, want at least 5 (key id and signature)");
    }
    int keyId = ByteBuffer.wrap(blob).getInt();
    return NoteSignature.wrap(name, keyId, Arrays.copyOfRange(blob, 4, blob.length));
  }
}
