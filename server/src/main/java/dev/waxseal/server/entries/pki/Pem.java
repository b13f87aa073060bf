package dev.waxseal.server.entries.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * PEM (RFC 7468) as Go's {@code encoding/pem} reads and writes it, which is what Rekor's canonical
 * keys and certificates are made of.
 */
public final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  /** One decoded PEM block and whether anything but whitespace follows it. */
  public static final class Block {
    private final String type;
    private final byte[] der;
    private final boolean hasRest;

    Block(String type, byte[] der, boolean hasRest) {
      this.type = type;
      this.der = der;
      this.hasRest = hasRest;
    }

    /** The label, e.g. {@code "PUBLIC KEY"} or {@code "CERTIFICATE"}. */
    public String type() {
      return type;
    }

    /** A copy of the decoded bytes. */
    public byte[] der() {
      return der.clone();
    }

    /** True if more than whitespace follows the block (Rekor then reads a certificate chain). */
    public boolean hasRest() {
      return hasRest;
    }
  }

  private Pem() {}

  /**
   * Decodes the first PEM block of {@code input} after trimming surrounding whitespace, as Go's
   * {@code pem.Decode(bytes.TrimSpace(input))} does. Headers ({@code Proc-Type: …}) are not
   * supported.
   *
   * @return empty if no well-formed block is found
   */
  public static Optional<Block> decodeFirst(byte[] input) {
    return decodeNext(trimmed(input)).map(Next::block);
  }

  /** The input as text with surrounding whitespace removed, as Go's {@code bytes.TrimSpace}. */
  static String trimmed(byte[] input) {
    return new String(input, StandardCharsets.ISO_8859_1).strip();
  }

  /** A decoded block and the text after its END line (Go's {@code rest}). */
  record Next(Block block, String rest) {}

  /**
   * Decodes the first block of {@code text}, which is not trimmed: a block begins at the start of
   * the text or of a line, as in Go's {@code pem.Decode}.
   *
   * @return empty if no well-formed block is found
   */
  static Optional<Next> decodeNext(String text) {
    int begin;
    if (text.startsWith(BEGIN)) {
      begin = 0;
    } else {
      int at = text.indexOf("\n" + BEGIN);
      if (at < 0) {
        return Optional.empty();
      }
      begin = at + 1;
    }
    int typeStart = begin + BEGIN.length();
    int typeLineEnd = lineEnd(text, typeStart);
    String typeLine = stripLine(text.substring(typeStart, typeLineEnd));
    if (!typeLine.endsWith(DASHES)) {
      return Optional.empty();
    }
    String type = typeLine.substring(0, typeLine.length() - DASHES.length());
    String endMarker = END + type + DASHES;
    int bodyStart = Math.min(typeLineEnd + 1, text.length());
    int bodyEnd;
    int markerStart;
    if (text.startsWith(endMarker, bodyStart)) {
      bodyEnd = bodyStart; // empty body
      markerStart = bodyStart;
    } else {
      bodyEnd = text.indexOf("\n" + endMarker, bodyStart);
      if (bodyEnd < 0) {
        return Optional.empty();
      }
      markerStart = bodyEnd + 1;
    }
    int afterMarker = markerStart + endMarker.length();
    int endLineEnd = lineEnd(text, afterMarker);
    if (!stripLine(text.substring(afterMarker, endLineEnd)).isEmpty()) {
      return Optional.empty();
    }
    String body = text.substring(bodyStart, bodyEnd);
    if (body.indexOf(':') >= 0) {
      return Optional.empty(); // RFC 1421 headers: not accepted here
    }
    Optional<byte[]> der = decodeBase64(body);
    String rest = text.substring(Math.min(endLineEnd + 1, text.length()));
    boolean hasRest = !rest.isBlank();
    return der.map(bytes -> new Next(new Block(type, bytes, hasRest), rest));
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private static String stripLine(String line) {
    int end = line.length();
    while (end > 0 && " \t\r".indexOf(line.charAt(end - 1)) >= 0) {
      end--;
    }
    return line.substring(0, end);
  }

  /**
   * Decodes standard, padded base64 ignoring CR, LF, space and tab, as Go's {@code
   * base64.StdEncoding} does inside PEM.
   */
  private static Optional<byte[]> decodeBase64(String body) {
    StringBuilder compact = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
        compact.append(c);
      }
    }
    if (compact.length() % 4 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(compact.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Encodes one block exactly as Go's {@code pem.EncodeToMemory}: header line, base64 in lines of
   * 64 characters, footer line, each ending in {@code \n}.
   */
  public static byte[] encode(String type, byte[] der) {
    String base64 = ENCODER.encodeToString(der);
    StringBuilder out = new StringBuilder(base64.length() + base64.length() / 64 + 64);
    out.append(BEGIN).append(type).append(DASHES).append('\n');
    for (int i = 0; i < base64.length(); i += 64) {
      out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    out.append(END).append(type).append(DASHES).append('\n');
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
