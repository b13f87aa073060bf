package dev.waxseal.server.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Serves a request for the Rekor v1 API at its cleaned path, as Rekor does: {@code
 * /api/v1/log/entries/retrieve/}, {@code //api/v1//log} and {@code /api/v1/./x/../log} reach the
 * same handler as the clean path, and are answered by it directly, with no redirect.
 *
 * <p>Rekor v1.5.4 routes with go-openapi/runtime v0.32.5, whose router looks every request up by
 * {@code path.Clean} of its escaped path (middleware/router.go, {@code defaultRouter.Lookup}), with
 * no {@code ServeMux} in front to redirect: doubled slashes collapse, {@code .} segments go, each
 * {@code ..} takes the segment before it (none above the root), and a trailing slash is dropped.
 * Clients rely on it: sigstore-python posts to {@code /api/v1/log/entries/retrieve/}. Spring MVC's
 * path patterns match the raw request URI, so this filter hands Spring a request whose URI is the
 * cleaned one. Only paths that clean to {@code /api/v1} or below are touched; the tile API and the
 * actuator keep Spring's exact matching.
 *
 * <p>Order +3: after {@link HttpServerMetricsFilter}, which still reads the matched route pattern
 * from the request (attributes pass through the wrapper), and after the request id and tracing
 * filters, which need no clean path; before the rate limits, which group requests by the cleaned
 * path. The path as sent is kept in {@link #REQUESTED_PATH} for error messages, which name it as
 * Rekor's do.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
final class ApiPathFilter implements Filter {
  /** The prefix of the Rekor v1 API, without a trailing slash. */
  static final String API = "/api/v1";

  /** Request attribute: the request URI as the client sent it, when it was cleaned. */
  static final String REQUESTED_PATH = ApiPathFilter.class.getName() + ".requestedPath";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      String uri = http.getRequestURI();
      String context = http.getContextPath();
      if (uri.startsWith(context)) {
        String path = uri.substring(context.length());
        if (!isClean(path)) {
          String cleaned = clean(path);
          if (isApi(cleaned)) {
            http.setAttribute(REQUESTED_PATH, uri);
            chain.doFilter(new CleanedRequest(http, context + cleaned), response);
            return;
          }
        }
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean isApi(String path) {
    return path.startsWith(API)
        && (path.length() == API.length() || path.charAt(API.length()) == '/');
  }

  /**
   * Go's {@code path.Clean} for a rooted path. A path that is already clean, or does not start with
   * {@code /} (the {@code *} of {@code OPTIONS *}), is returned as it is.
   */
  static String clean(String path) {
    if (isClean(path)) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    int i = 0;
    while (i < path.length()) {
      int end = path.indexOf('/', i);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(i, end);
      i = end + 1;
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        out.setLength(Math.max(0, out.lastIndexOf("/")));
        continue;
      }
      out.append('/').append(segment);
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  /**
   * True for {@code /}, for rooted paths with no empty, {@code .} or {@code ..} segment (so no
   * doubled or trailing slash), and for paths that are not rooted. Allocates nothing: it runs on
   * every request.
   */
  static boolean isClean(String path) {
    if (path.isEmpty() || path.charAt(0) != '/' || path.equals("/")) {
      return true;
    }
    int start = 1;
    while (true) {
      int end = path.indexOf('/', start);
      int length = (end < 0 ? path.length() : end) - start;
      if (length == 0
          || (length == 1 && path.charAt(start) == '.')
          || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      if (end < 0) {
        return true;
      }
      start = end + 1;
    }
  }

  /** The request with its URI, URL and servlet path replaced by the cleaned ones. */
  private static final class CleanedRequest extends HttpServletRequestWrapper {
    private final String uri;
    private final String servletPath;
    private final String url;

    CleanedRequest(HttpServletRequest request, String uri) {
      super(request);
      this.uri = uri;
      this.servletPath =
          UriUtils.decode(uri.substring(request.getContextPath().length()), StandardCharsets.UTF_8);
      String original = request.getRequestURL().toString();
      String originalUri = request.getRequestURI();
      this.url =
          original.endsWith(originalUri)
              ? original.substring(0, original.length() - originalUri.length()) + uri
              : original;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
      return new StringBuffer(url);
    }

    @Override
    public String getServletPath() {
      return servletPath;
    }
  }
}
