package dev.waxseal.server.api;

import dev.waxseal.server.entries.CanonicalJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Plain JDK HTTP against the running server: what any client sees, nothing more. */
final class ApiClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response with its body as text and, when it is JSON, as a tree. */
  record Response(HttpResponse<String> http) {
    int status() {
      return http.statusCode();
    }

    String body() {
      return http.body();
    }

    JsonNode json() {
      return CanonicalJson.parse(http.body().getBytes(StandardCharsets.UTF_8));
    }

    String header(String name) {
      return http.headers().firstValue(name).orElse("");
    }

    /** The only member of a LogEntry object. */
    JsonNode entry() {
      return json().values().iterator().next();
    }

    /** The key (entry id) of a LogEntry object. */
    String entryId() {
      return json().propertyNames().iterator().next();
    }
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Response send(HttpRequest request) {
    try {
      return new Response(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** The active tree's size now. */
  long treeSize() {
    return get("/api/v1/log").json().get("treeSize").longValue();
  }
}
