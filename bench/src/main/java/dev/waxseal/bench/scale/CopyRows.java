package dev.waxseal.bench.scale;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes rows in PostgreSQL's COPY text format to a stream: tab-separated fields, one row per line,
 * {@code bytea} as {@code \\x<hex>} (the backslash doubled, as COPY's text format escapes it).
 */
final class CopyRows {
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private boolean rowStarted;

  CopyRows(OutputStream out) {
    this.out = out;
  }

  CopyRows number(long value) throws IOException {
    separate();
    out.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  CopyRows bytes(byte[] value) throws IOException {
    separate();
    byte[] field = new byte[3 + 2 * value.length];
    field[0] = '\\';
    field[1] = '\\';
    field[2] = 'x';
    for (int i = 0; i < value.length; i++) {
      field[3 + 2 * i] = HEX_DIGITS[(value[i] >> 4) & 0xf];
      field[4 + 2 * i] = HEX_DIGITS[value[i] & 0xf];
    }
    out.write(field);
    return this;
  }

  /** A text field; backslash, tab, newline and carriage return are escaped. */
  CopyRows text(String value) throws IOException {
    separate();
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> escaped.append("\\\\");
        case '\t' -> escaped.append("\\t");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        default -> escaped.append(ch);
      }
    }
    out.write(escaped.toString().getBytes(StandardCharsets.UTF_8));
    return this;
  }

  void endRow() throws IOException {
    out.write('\n');
    rowStarted = false;
  }

  private void separate() throws IOException {
    if (rowStarted) {
      out.write('\t');
    }
    rowStarted = true;
  }
}
