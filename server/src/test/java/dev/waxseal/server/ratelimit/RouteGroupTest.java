package dev.waxseal.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteGroupTest {
  @Test
  void addingEntriesIsAWrite() {
    assertThat(RouteGroup.of("POST", "/api/v1/log/entries")).isEqualTo(RouteGroup.WRITES);
    assertThat(RouteGroup.of("POST", "/api/v2/log/entries")).isEqualTo(RouteGroup.WRITES);
  }

  @Test
  void everyOtherApiOrTileRouteIsARead() {
    assertThat(RouteGroup.of("GET", "/api/v1/log/entries")).isEqualTo(RouteGroup.READS);
    assertThat(RouteGroup.of("POST", "/api/v1/log/entries/retrieve")).isEqualTo(RouteGroup.READS);
    assertThat(RouteGroup.of("POST", "/api/v1/index/retrieve")).isEqualTo(RouteGroup.READS);
    assertThat(RouteGroup.of("GET", "/api/v1/log")).isEqualTo(RouteGroup.READS);
    assertThat(RouteGroup.of("GET", "/checkpoint")).isEqualTo(RouteGroup.READS);
    assertThat(RouteGroup.of("GET", "/tile/0/000")).isEqualTo(RouteGroup.READS);
  }

  @Test
  void theActuatorIsNeverLimited() {
    assertThat(RouteGroup.of("GET", "/actuator/health/readiness")).isNull();
    assertThat(RouteGroup.of("GET", "/actuator")).isNull();
    assertThat(RouteGroup.of("GET", "/actuators")).isEqualTo(RouteGroup.READS);
  }
}
