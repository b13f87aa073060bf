package dev.waxseal.server.api.tiles;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Routes the tile reads of the Rekor v2 log by the Host header: a request for {@code
 * <hostname>/checkpoint} or {@code <hostname>/tile/…} is served as {@code
 * <tiles-prefix>/checkpoint} or {@code <tiles-prefix>/tile/…}. sigstore-go checks a v2 log's
 * checkpoint origin against the host of its base URL, so each log is addressed by a host name of
 * its own, while the v1 shards keep the root of every other host. Everything else on that host
 * ({@code /api/v2/log/entries}, and the v1 API) is served as on any host.
 *
 * <p>Order +4: a path rewrite like the API path filter's (+3; the two touch disjoint paths, so
 * either could go first, but filters must not share an order, whose tie Spring breaks by bean
 * registration order), after the request id and tracing filters and before the rate limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
@ConditionalOnProperty(name = "waxseal.rekor-v2.enabled", havingValue = "true")
final class RekorV2HostRouting implements Filter {
  private final String hostname;
  private final String prefix;

  RekorV2HostRouting(
      @Value("${waxseal.rekor-v2.hostname}") String hostname,
      @Value("${waxseal.rekor-v2.tiles-prefix}") String prefix) {
    this.hostname = hostname.toLowerCase(Locale.ROOT);
    this.prefix = prefix;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && forThisLog(http)) {
      String path = http.getRequestURI().substring(http.getContextPath().length());
      if (path.equals("/checkpoint") || path.startsWith("/tile/")) {
        chain.doFilter(new Routed(http, http.getContextPath() + prefix + path), response);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private boolean forThisLog(HttpServletRequest http) {
    String host = http.getServerName(); // the Host header without its port
    return host != null && host.toLowerCase(Locale.ROOT).equals(hostname);
  }

  /** The request at its path under the v2 log's prefix. */
  private static final class Routed extends HttpServletRequestWrapper {
    private final String uri;

    Routed(HttpServletRequest request, String uri) {
      super(request);
      this.uri = uri;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
      StringBuffer url = new StringBuffer();
      url.append(getScheme()).append("://").append(getServerName());
      url.append(':').append(getServerPort()).append(uri);
      return url;
    }

    @Override
    public String getServletPath() {
      return uri.substring(getContextPath().length());
    }
  }
}
