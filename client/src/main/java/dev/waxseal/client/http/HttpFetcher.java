package dev.waxseal.client.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * GETs and POSTs with timeouts, and retries with exponential backoff on I/O errors, 429 and 5xx.
 *
 * <p>A 4xx other than 404 and 429 is not retried: the request is wrong and will stay wrong. A 404
 * is returned as empty by {@link #getIfPresent}, since "not there (yet)" is an answer logs give for
 * tiles beyond the tree. Bodies sent with {@code Content-Encoding: gzip} are inflated. The fetcher
 * is thread-safe; callers fetch in parallel from their own executors.
 */
public final class HttpFetcher {
  private final HttpClient client;
  private final HttpOptions options;

  /** Creates a fetcher with its own JDK client. */
  public HttpFetcher(HttpOptions options) {
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The options this fetcher was built with. */
  public HttpOptions options() {
    return options;
  }

  /**
   * GETs {@code uri} and returns the body.
   *
   * @throws FetchException after the last retry, or at once on a 4xx (404 included)
   */
  public byte[] get(URI uri) throws FetchException, InterruptedException {
    return getIfPresent(uri)
        .orElseThrow(() -> new FetchException("GET " + uri + ": 404 not found", 404));
  }

  /** GETs {@code uri} and returns the body as UTF-8 text. */
  public String getText(URI uri) throws FetchException, InterruptedException {
    return new String(get(uri), StandardCharsets.UTF_8);
  }

  /**
   * GETs {@code uri}; empty if the server answers 404.
   *
   * @throws FetchException after the last retry, or at once on another 4xx
   */
  public Optional<byte[]> getIfPresent(URI uri) throws FetchException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(options.requestTimeout())
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", "waxseal-client")
            .GET()
            .build();
    return send(request, "GET " + uri);
  }

  /** POSTs a JSON body and returns the response body; a 404 is an error here. */
  public byte[] postJson(URI uri, String json) throws FetchException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request, "POST " + uri)
        .orElseThrow(() -> new FetchException("POST " + uri + ": 404 not found", 404));
  }

  private Optional<byte[]> send(HttpRequest request, String what)
      throws FetchException, InterruptedException {
    Duration backoff = options.initialBackoff();
    String lastProblem = "";
    int lastStatus = 0;
    IOException lastCause = null;
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(options.maxBackoff()) > 0) {
          backoff = options.maxBackoff();
        }
      }
      try {
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
          return Optional.of(decode(response));
        }
        if (status == 404) {
          return Optional.empty();
        }
        lastStatus = status;
        lastProblem = "HTTP " + status + " " + snippet(response.body());
        lastCause = null;
        if (status != 429 && status < 500) {
          throw new FetchException(what + ": " + lastProblem, status);
        }
      } catch (IOException e) {
        lastProblem = e.toString();
        lastCause = e;
      }
    }
    String message =
        what + ": gave up after " + options.maxAttempts() + " attempts, last: " + lastProblem;
    if (lastCause != null) {
      throw new FetchException(message, lastCause);
    }
    throw new FetchException(message, lastStatus);
  }

  private static byte[] decode(HttpResponse<byte[]> response) throws IOException {
    boolean gzip =
        response
            .headers()
            .firstValue("Content-Encoding")
            .map("gzip"::equalsIgnoreCase)
            .orElse(false);
    if (!gzip) {
      return response.body();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      return in.readAllBytes();
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
