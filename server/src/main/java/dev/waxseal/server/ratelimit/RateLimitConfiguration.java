package dev.waxseal.server.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Installs the rate limit filter when a limit is set. Its order puts it right after the HTTP
 * metrics filter and the API path filter and the request id filter (HIGHEST_PRECEDENCE to +2),
 * before anything that reads a body.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "'${waxseal.rate-limit.writes:}' != '' or '${waxseal.rate-limit.reads:}' != ''")
class RateLimitConfiguration {
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

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
