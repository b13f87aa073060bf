package dev.waxseal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;

/**
 * The server's own servlet filters run in one deliberate order, each at an order of its own (Spring
 * breaks a tie by bean registration order, which nobody chose). Why each sits where it does is
 * written at each filter; in short: time everything, then name the request (id, trace), then clean
 * its path, then limit it.
 */
class FilterOrderTest {
  @Test
  void eachFilterHasItsOwnOrderInTheIntendedSequence() throws Exception {
    Map<String, Integer> orders = new LinkedHashMap<>();
    orders.put("HTTP metrics", annotated("api.HttpServerMetricsFilter"));
    orders.put("request id", annotated("observability.RequestIdFilter"));
    orders.put("tracing", annotated("observability.TracingFilter"));
    orders.put("API path", annotated("api.ApiPathFilter"));
    orders.put("v2 host routing", annotated("api.tiles.RekorV2HostRouting"));
    orders.put("rate limits", registered("ratelimit.RateLimitConfiguration"));

    List<Integer> sequence = new ArrayList<>(orders.values());
    assertThat(sequence).as(orders.toString()).doesNotHaveDuplicates().isSorted();
    assertThat(orders.get("HTTP metrics")).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
    // A refused request (429) still gets a request id and a span, and is limited by the path it
    // is served at.
    assertThat(orders.get("request id")).isLessThan(orders.get("rate limits"));
    assertThat(orders.get("tracing")).isLessThan(orders.get("rate limits"));
    assertThat(orders.get("API path")).isLessThan(orders.get("rate limits"));
    assertThat(orders.get("v2 host routing")).isLessThan(orders.get("rate limits"));
  }

  private static int annotated(String name) throws ClassNotFoundException {
    Integer order = OrderUtils.getOrder(Class.forName("dev.waxseal.server." + name));
    assertThat(order).as(name + " has an @Order").isNotNull();
    return order;
  }

  /** The order of a filter installed by a FilterRegistrationBean: its configuration's ORDER. */
  private static int registered(String name) throws ReflectiveOperationException {
    Field field = Class.forName("dev.waxseal.server." + name).getDeclaredField("ORDER");
    field.setAccessible(true);
    return field.getInt(null);
  }
}
