package dev.waxseal.server.entries.helm;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Helm provenance file ({@code .prov}) as Rekor's {@code pkg/types/helm/provenance.go} reads it:
 * an OpenPGP clear-signed message (decoded with the rules of Go's {@code openpgp/clearsign}) whose
 * text is the Chart.yaml, a {@code ...} line, and a YAML document with {@code files: {<name>:
 * <algorithm>:<hex>}}.
 *
 * @param signedText the text the signature covers: dash-unescaped lines, trailing blanks removed,
 *     joined with CRLF, without the final line ending
 * @param armoredSignature the armored signature block, as it appears in the file
 * @param chartHash the {@code files:} entry's value, {@code <algorithm>:<hash>}; null if the
 *     message has no {@code files:} map
 */
// Short-lived: never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
record Provenance(byte[] signedText, byte[] armoredSignature, @Nullable String chartHash) {
  private static final byte[] START = ascii("-----BEGIN PGP SIGNED MESSAGE-----");
  private static final byte[] SIGNATURE_START = ascii("-----BEGIN PGP SIGNATURE-----");
  private static final byte[] END = ascii("\n-----END PGP SIGNATURE-----");
  private static final String MESSAGE_SEPARATOR = "\n...\n";
  private static final int MAX_YAML_ALIASES = 10;

  /**
   * Decodes a provenance file.
   *
   * @throws InvalidEntryException if it is not a clear-signed message or its message block has no
   *     parsable second part
   */
  static Provenance parse(byte[] file) {
    if (file.length == 0) {
      throw malformed("Provenance file contains no content");
    }
    int at = messageStart(file);
    if (at < 0) {
      throw malformed("Unable to decode provenance file");
    }
    Line first = Line.at(file, at);
    if (first.length() != 0) {
      throw malformed("Unable to decode provenance file");
    }
    at = skipHeaders(file, first.next());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    at = readText(file, at, signed, plain);
    int end = indexOf(file, END, at);
    if (end < 0) {
      throw malformed("Unable to decode provenance file");
    }
    end += END.length;
    while (end < file.length && (file[end] == '\r' || file[end] == '\n')) {
      end++;
    }
    byte[] armored = Arrays.copyOfRange(file, at, end);
    String text = plain.toString(StandardCharsets.UTF_8);
    return new Provenance(signed.toByteArray(), armored, chartHash(text));
  }

  /** Skips the {@code Hash:} armor headers up to the empty line; only {@code Hash} is allowed. */
  private static int skipHeaders(byte[] file, int from) {
    int at = from;
    while (true) {
      if (at >= file.length) {
        throw malformed("Unable to decode provenance file");
      }
      Line header = Line.at(file, at);
      at = header.next();
      if (header.length() == 0) {
        return at;
      }
      String h = header.text(file);
      int colon = h.indexOf(':');
      if (colon < 0
          || !h.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
          || !h.substring(0, colon).strip().equals("Hash")) {
        throw malformed("Unable to decode provenance file");
      }
    }
  }

  /**
   * Reads the clear text up to the signature's BEGIN line: dash-escapes removed, trailing blanks
   * cut, CRLF-joined into {@code signed}, LF-terminated into {@code plain}.
   *
   * @return the offset of the signature's BEGIN line
   */
  private static int readText(
      byte[] file, int from, ByteArrayOutputStream signed, ByteArrayOutputStream plain) {
    int at = from;
    boolean firstLine = true;
    while (true) {
      Line line = Line.at(file, at);
      if (line.length() == 0 && line.next() >= file.length) {
        throw malformed("Unable to decode provenance file");
      }
      if (line.is(file, SIGNATURE_START)) {
        return at;
      }
      at = line.next();
      if (!firstLine) {
        signed.write('\r');
        signed.write('\n');
      }
      firstLine = false;
      int start = line.start();
      if (line.length() >= 2 && file[start] == '-' && file[start + 1] == ' ') {
        start += 2;
      }
      int stop = line.end();
      while (stop > start && (file[stop - 1] == ' ' || file[stop - 1] == '\t')) {
        stop--;
      }
      signed.write(file, start, stop - start);
      plain.write(file, start, stop - start);
      plain.write('\n');
    }
  }

  private static int messageStart(byte[] file) {
    if (startsWith(file, 0, START)) {
      return START.length;
    }
    byte[] withNewline = new byte[START.length + 1];
    withNewline[0] = '\n';
    System.arraycopy(START, 0, withNewline, 1, START.length);
    int i = indexOf(file, withNewline, 0);
    return i < 0 ? -1 : i + withNewline.length;
  }

  /** The {@code files:} value of the message block's second part (ghodss/yaml into a map). */
  private static @Nullable String chartHash(String message) {
    int separator = message.indexOf(MESSAGE_SEPARATOR);
    if (separator < 0) {
      throw malformed(
          "Error occurred parsing message block: message block must have at least two parts");
    }
    int next = message.indexOf(MESSAGE_SEPARATOR, separator + MESSAGE_SEPARATOR.length());
    String sums =
        message.substring(
            separator + MESSAGE_SEPARATOR.length(), next < 0 ? message.length() : next);
    Object document;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
      document = new Yaml(new SafeConstructor(options)).load(sums);
    } catch (RuntimeException e) {
      throw malformed(
          "Error occurred parsing message block: Error occurred parsing SumCollection: not YAML");
    }
    if (document == null) {
      return null;
    }
    if (!(document instanceof Map<?, ?> collection)) {
      throw malformed(
          "Error occurred parsing message block: Error occurred parsing SumCollection: "
              + "not a mapping");
    }
    Object files = collection.get("files");
    if (files == null) {
      return null;
    }
    if (!(files instanceof Map<?, ?> map)) {
      throw malformed(
          "Error occurred parsing message block: Error occurred parsing SumCollection: "
              + "files is not a mapping");
    }
    if (map.isEmpty()) {
      throw malformed("No checksums found");
    }
    if (map.size() > 1) {
      // Rekor takes an arbitrary one (Go map order); one chart per provenance keeps it determined.
      throw malformed(
          "provenance lists " + map.size() + " files: exactly one chart checksum is supported");
    }
    Object value = map.values().iterator().next();
    if (!(value instanceof String hash)) {
      throw malformed("Invalid hash found in Provenance file");
    }
    return hash;
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    return data.length - at >= prefix.length
        && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    for (int i = from; i <= data.length - needle.length; i++) {
      if (startsWith(data, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }

  /** One line as Go's clearsign {@code getLine} cuts it: no {@code [\r]\n}, no trailing blanks. */
  private record Line(int start, int end, int next) {
    static Line at(byte[] data, int from) {
      int newline = from;
      while (newline < data.length && data[newline] != '\n') {
        newline++;
      }
      int next = newline < data.length ? newline + 1 : newline;
      int end = newline;
      if (newline < data.length && end > from && data[end - 1] == '\r') {
        end--;
      }
      while (end > from && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
        end--;
      }
      return new Line(from, end, next);
    }

    int length() {
      return end - start;
    }

    boolean is(byte[] data, byte[] content) {
      return length() == content.length && startsWith(data, start, content);
    }

    String text(byte[] data) {
      return new String(data, start, length(), StandardCharsets.ISO_8859_1);
    }
  }
}
