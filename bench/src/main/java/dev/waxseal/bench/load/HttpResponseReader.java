package dev.waxseal.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response at a time from bytes as they arrive on a keep-alive connection: the
 * status, the body (by {@code Content-Length}, chunked, or up to the end of the stream) and whether
 * the server will close the connection afterwards. Only what the load driver needs: no trailers
 * kept, no {@code 1xx} interim responses, and no pipelining (bytes after a complete response are an
 * error).
 *
 * <p>Hand-written rather than the JDK's {@code HttpClient} because the driver shares two cores with
 * the server it measures: the JDK client cost about 200 µs of CPU per request (a third to a half of
 * the machine at 5,000 requests/s), this about a tenth of that.
 */
final class HttpResponseReader {
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private enum State {
    HEADERS,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE,
    DONE
  }

  private byte[] buffer = new byte[16 * 1024];
  private int filled;
  private int scanned;
  private State state = State.HEADERS;
  private int status;
  private boolean closeAfter;
  private int bodyStart;
  private long contentLength;
  private final ByteArrayOutputStream chunkedBody = new ByteArrayOutputStream();
  private byte[] body = new byte[0];

  /** Forgets the previous response, ready for the next one on the same connection. */
  void reset() {
    filled = 0;
    scanned = 0;
    state = State.HEADERS;
    status = 0;
    closeAfter = false;
    bodyStart = 0;
    contentLength = 0;
    chunkedBody.reset();
    body = new byte[0];
  }

  /** Where to read the next bytes into; call {@link #filled(int)} with how many were read. */
  ByteBuffer space() {
    if (buffer.length - filled < 4096) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    return ByteBuffer.wrap(buffer, filled, buffer.length - filled);
  }

  /**
   * Takes {@code count} more bytes (just written into {@link #space()}).
   *
   * @return whether the response is now complete
   * @throws IllegalStateException if the bytes are not an HTTP/1.1 response
   */
  boolean filled(int count) {
    filled += count;
    return advance();
  }

  /**
   * Tells the reader that the server closed the connection.
   *
   * @return whether that completed a response whose body runs to the end of the stream
   */
  boolean endOfStream() {
    if (state == State.UNTIL_CLOSE) {
      body = Arrays.copyOfRange(buffer, bodyStart, filled);
      state = State.DONE;
      closeAfter = true;
      return true;
    }
    return false;
  }

  int status() {
    return status;
  }

  byte[] body() {
    return body;
  }

  /** Whether the server said it closes the connection after this response. */
  boolean closeAfter() {
    return closeAfter;
  }

  private boolean advance() {
    if (state == State.HEADERS && !readHeaders()) {
      return false;
    }
    switch (state) {
      case LENGTH -> {
        long available = filled - bodyStart;
        if (available < contentLength) {
          return false;
        }
        requireNothingAfter(bodyStart + (int) contentLength);
        body = Arrays.copyOfRange(buffer, bodyStart, bodyStart + (int) contentLength);
        state = State.DONE;
        return true;
      }
      case CHUNKED -> {
        return readChunks();
      }
      case DONE -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private boolean readHeaders() {
    int end = indexOf(HEADER_END, Math.max(0, scanned - 3), filled);
    if (end < 0) {
      scanned = filled;
      return false;
    }
    String head = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n", -1);
    String statusLine = lines[0];
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IllegalStateException("not an HTTP/1.x status line: " + statusLine);
    }
    status = Integer.parseInt(statusLine.substring(9, 12));
    boolean http10 = statusLine.startsWith("HTTP/1.0");
    closeAfter = http10;
    long length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException("malformed header line: " + lines[i]);
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.endsWith("chunked");
        case "connection" ->
            closeAfter = value.contains("close") || (http10 && !value.contains("keep-alive"));
        default -> {}
      }
    }
    bodyStart = end + HEADER_END.length;
    scanned = bodyStart;
    if (status / 100 == 1 || status == 204 || status == 304) {
      contentLength = 0;
      state = State.LENGTH;
    } else if (chunked) {
      state = State.CHUNKED;
    } else if (length >= 0) {
      contentLength = length;
      state = State.LENGTH;
    } else {
      state = State.UNTIL_CLOSE;
      closeAfter = true;
    }
    return true;
  }

  /** Consumes whole chunks from {@code scanned}; true once the last chunk and trailers are in. */
  private boolean readChunks() {
    while (true) {
      int lineEnd = indexOfCrlf(scanned, filled);
      if (lineEnd < 0) {
        return false;
      }
      String sizeText = new String(buffer, scanned, lineEnd - scanned, StandardCharsets.ISO_8859_1);
      int extension = sizeText.indexOf(';');
      long size =
          Long.parseLong((extension < 0 ? sizeText : sizeText.substring(0, extension)).trim(), 16);
      int dataStart = lineEnd + 2;
      if (size == 0) {
        // Trailers (usually none) end with an empty line.
        int at = dataStart;
        while (true) {
          int end = indexOfCrlf(at, filled);
          if (end < 0) {
            return false;
          }
          if (end == at) {
            requireNothingAfter(end + 2);
            body = chunkedBody.toByteArray();
            state = State.DONE;
            return true;
          }
          at = end + 2;
        }
      }
      if (filled - dataStart < size + 2) {
        return false;
      }
      chunkedBody.write(buffer, dataStart, (int) size);
      scanned = dataStart + (int) size + 2;
    }
  }

  private void requireNothingAfter(int end) {
    if (filled > end) {
      throw new IllegalStateException(
          (filled - end) + " bytes after a complete response; the driver never pipelines");
    }
  }

  private int indexOfCrlf(int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(byte[] needle, int from, int to) {
    outer:
    for (int i = from; i + needle.length <= to; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
