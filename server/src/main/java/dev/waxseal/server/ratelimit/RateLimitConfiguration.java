package dev.waxseal.server.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Installs the rate limit filter when a limit is set. Order +5, last of the server's own filters:
 * after the HTTP metrics filter (0: a 429 is counted in {@code http.server.requests}), the request
 * id filter (+1: a 429 is logged with an id and returns one) and tracing (+2: a 429 is traced), and
 * after the two path rewrites (+3, +4: requests are grouped by the path they are served at); before
 * anything that reads a body.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "'${waxseal.rate-limit.writes:}' != '' or '${waxseal.rate-limit.reads:}' != ''")
class RateLimitConfiguration {
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      RateLimitProperties properties, MeterRegistry registry) {
    RateLimitFilter filter =
        new RateLimitFilter(
            new RateLimiter(properties, Ticker.systemTicker()),
            new ClientKeys(properties.clientHeader(), properties.clientHeaderHops()),
            registry);
    FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(ORDER);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
