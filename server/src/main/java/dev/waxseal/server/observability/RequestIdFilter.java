package dev.waxseal.server.observability;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every request an id: the {@code X-Request-Id} a proxy or client sent, when it is a short
 * token, else a new random one. The id is in the MDC as {@code request_id} while the request runs
 * on this thread (so in every log line it causes, as a field of the structured logs) and in the
 * response's {@code X-Request-Id}, for the client to quote in a bug report.
 *
 * <p>Order +1, right after the HTTP metrics filter (which times everything) and before every other
 * filter: the id is in the MDC before anything else can log, tracing's and the path filters' lines
 * included, and a request the rate limits refuse (a 429) is logged with an id and returns one,
 * which is what a client quotes when it asks why it was refused. Costs one header read or random
 * token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class RequestIdFilter implements Filter {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "request_id";

  /** Longer ids are replaced: they would bloat every log line and could carry anything. */
  static final int MAX_LENGTH = 128;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    String id = accepted(http.getHeader(HEADER));
    if (id == null) {
      id = UUID.randomUUID().toString();
    }
    httpResponse.setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /**
   * The id as sent, if it is 1 to {@link #MAX_LENGTH} characters of letters, digits and {@code
   * -._:}; anything else (spaces, quotes, control characters) could forge or break log lines.
   */
  static @Nullable String accepted(@Nullable String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == ':';
      if (!ok) {
        return null;
      }
    }
    return id;
  }
}
