package dev.waxseal.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {
  /** Feeds {@code response} in pieces of {@code step} bytes; true once the reader is complete. */
  private static boolean feed(HttpResponseReader reader, String response, int step) {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    boolean complete = false;
    for (int at = 0; at < bytes.length; at += step) {
      assertThat(complete).as("complete before the last byte").isFalse();
      int count = Math.min(step, bytes.length - at);
      ByteBuffer space = reader.space();
      space.put(bytes, at, count);
      complete = reader.filled(count);
    }
    return complete;
  }

  @Test
  void readsAContentLengthBodyWhateverHowTheBytesArrive() {
    String response =
        "HTTP/1.1 201 \r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"b c\"}\r\n";
    for (int step = 1; step <= response.length(); step++) {
      HttpResponseReader reader = new HttpResponseReader();
      assertThat(feed(reader, response, step)).as("step %d", step).isTrue();
      assertThat(reader.status()).isEqualTo(201);
      assertThat(new String(reader.body(), StandardCharsets.UTF_8))
          .isEqualTo("{\"a\":\"b c\"}\r\n");
      assertThat(reader.closeAfter()).isFalse();
    }
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() {
    String response =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "1A\r\n, a chunk of 26 bytes ....\r\n"
            + "0\r\nX-Trailer: yes\r\n\r\n";
    for (int step : new int[] {1, 2, 7, response.length()}) {
      HttpResponseReader reader = new HttpResponseReader();
      assertThat(feed(reader, response, step)).as("step %d", step).isTrue();
      assertThat(new String(reader.body(), StandardCharsets.US_ASCII))
          .isEqualTo("hello, a chunk of 26 bytes ....");
    }
  }

  @Test
  void growsItsBufferForLargeBodies() {
    String body = "x".repeat(100_000);
    HttpResponseReader reader = new HttpResponseReader();
    assertThat(feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + body, 3000))
        .isTrue();
    assertThat(reader.body()).hasSize(100_000);
  }

  @Test
  void knowsWhenTheServerClosesTheConnection() {
    HttpResponseReader close = new HttpResponseReader();
    assertThat(feed(close, "HTTP/1.1 413 \r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", 5))
        .isTrue();
    assertThat(close.status()).isEqualTo(413);
    assertThat(close.closeAfter()).isTrue();

    HttpResponseReader untilClose = new HttpResponseReader();
    assertThat(feed(untilClose, "HTTP/1.0 200 OK\r\n\r\npartial body", 4)).isFalse();
    assertThat(untilClose.endOfStream()).isTrue();
    assertThat(new String(untilClose.body(), StandardCharsets.US_ASCII)).isEqualTo("partial body");
    assertThat(untilClose.closeAfter()).isTrue();

    HttpResponseReader cutShort = new HttpResponseReader();
    assertThat(feed(cutShort, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 4)).isFalse();
    assertThat(cutShort.endOfStream()).as("a Content-Length body cut short").isFalse();
  }

  @Test
  void aNoContentResponseHasNoBody() {
    HttpResponseReader reader = new HttpResponseReader();
    assertThat(feed(reader, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 10)).isTrue();
    assertThat(reader.body()).isEmpty();
  }

  @Test
  void isReusableAfterReset() {
    HttpResponseReader reader = new HttpResponseReader();
    assertThat(feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", 100)).isTrue();
    reader.reset();
    assertThat(feed(reader, "HTTP/1.1 404 \r\nContent-Length: 2\r\n\r\nbc", 100)).isTrue();
    assertThat(reader.status()).isEqualTo(404);
    assertThat(new String(reader.body(), StandardCharsets.US_ASCII)).isEqualTo("bc");
  }

  @Test
  void refusesWhatIsNotAnHttp11ResponseOrPipelinedBytes() {
    assertThatThrownBy(() -> feed(new HttpResponseReader(), "SSH-2.0-OpenSSH\r\n\r\n", 100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("status line");
    assertThatThrownBy(
            () ->
                feed(
                    new HttpResponseReader(),
                    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab",
                    100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 bytes after a complete response");
    assertThatThrownBy(() -> feed(new HttpResponseReader(), "HTTP/1.1 200 OK\r\nbad\r\n\r\n", 100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed header line");
  }
}
