package dev.waxseal.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/index/retrieve}: entry ids by hash, key, email or subject. */
@RestController
final class IndexController {
  private final IndexSearch search;
  private final JsonBodyReader bodies;

  IndexController(IndexSearch search, JsonBodyReader bodies) {
    this.search = search;
    this.bodies = bodies;
  }

  @PostMapping(
      path = "/api/v1/index/retrieve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<String> retrieve(HttpServletRequest request) throws IOException {
    return search.search(
        bodies.read("query", request.getInputStream(), request.getContentLengthLong()));
  }
}
