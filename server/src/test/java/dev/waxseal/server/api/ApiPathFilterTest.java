package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Path cleaning as Go's {@code path.Clean}, and which requests the filter rewrites. */
class ApiPathFilterTest {

  /** Expected values are what Go 1.26's {@code path.Clean} returns for each input. */
  @ParameterizedTest
  @CsvSource({
    "/, /",
    "//, /",
    "///, /",
    "/api/v1/log, /api/v1/log",
    "/api/v1/log/, /api/v1/log",
    "/api/v1/log//, /api/v1/log",
    "//api//v1//log, /api/v1/log",
    "/api/v1/./log, /api/v1/log",
    "/api/v1/./, /api/v1",
    "/api/v1/., /api/v1",
    "/api/v1/.., /api",
    "/api/v1/x/../log, /api/v1/log",
    "/../api/v1/log, /api/v1/log",
    "/api/../../v1, /v1",
    "/api/v1/log/entries/retrieve/, /api/v1/log/entries/retrieve",
    "/a/b/c/../../.., /",
    "/a/b/c/../../../.., /",
    "/.../a, /.../a",
    "/a/..b/.c, /a/..b/.c",
    "/a%2F/../b, /b",
    "/api/v1/log/entries/ab%2e%2e/, /api/v1/log/entries/ab%2e%2e",
  })
  void cleansAsGoPathClean(String path, String cleaned) {
    assertThat(ApiPathFilter.clean(path)).isEqualTo(cleaned);
    assertThat(ApiPathFilter.isClean(path)).isEqualTo(path.equals(cleaned));
    assertThat(ApiPathFilter.isClean(cleaned)).isTrue();
  }

  @Test
  void leavesAPathThatIsNotRootedAsItIs() {
    assertThat(ApiPathFilter.clean("*")).isEqualTo("*");
    assertThat(ApiPathFilter.clean("")).isEqualTo("");
  }

  /** The request that reached the rest of the chain for {@code uri}. */
  private static HttpServletRequest passedOn(String uri) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    List<ServletRequest> seen = new ArrayList<>();
    new ApiPathFilter()
        .doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.add(req));
    assertThat(seen).hasSize(1);
    return (HttpServletRequest) seen.get(0);
  }

  @Test
  void rewritesAnUncleanApiPathAndKeepsTheOneSent() throws Exception {
    HttpServletRequest request = passedOn("//api/v1//log/entries/retrieve/");

    assertThat(request.getRequestURI()).isEqualTo("/api/v1/log/entries/retrieve");
    assertThat(request.getServletPath()).isEqualTo("/api/v1/log/entries/retrieve");
    assertThat(request.getRequestURL().toString())
        .isEqualTo("http://localhost/api/v1/log/entries/retrieve");
    assertThat(request.getAttribute(ApiPathFilter.REQUESTED_PATH))
        .isEqualTo("//api/v1//log/entries/retrieve/");
  }

  @Test
  void passesCleanPathsAndPathsOutsideTheApiUntouched() throws Exception {
    for (String uri :
        List.of(
            "/api/v1/log",
            "/checkpoint/",
            "//checkpoint",
            "/tile/0/000/",
            "/actuator/health/",
            "/api/v1/../actuator/health",
            "/api/v10/log/",
            "/api/v1x/")) {
      HttpServletRequest request = passedOn(uri);
      assertThat(request).as(uri).isInstanceOf(MockHttpServletRequest.class);
      assertThat(request.getRequestURI()).as(uri).isEqualTo(uri);
      assertThat(request.getAttribute(ApiPathFilter.REQUESTED_PATH)).as(uri).isNull();
    }
  }
}
