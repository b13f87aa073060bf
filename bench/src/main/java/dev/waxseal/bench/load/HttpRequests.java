package dev.waxseal.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds whole HTTP/1.1 requests as bytes, once, before they are sent: the driver writes them to
 * the socket as they are.
 */
final class HttpRequests {
  private final String host;

  /** Requests for the server at {@code base} (its host and port name the {@code Host} header). */
  HttpRequests(URI base) {
    this.host = base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
  }

  /** {@code GET pathAndQuery}, accepting JSON. */
  byte[] get(String pathAndQuery) {
    return ("GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code POST path} with a JSON body. */
  byte[] postJson(String path, byte[] body) {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }
}
