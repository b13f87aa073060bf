package dev.waxseal.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdFilterTest {
  @Test
  void aShortTokenIsKept() {
    assertThat(RequestIdFilter.accepted("4bf92f35-77b3.4da6:a3ce_929d0e0e4736"))
        .isEqualTo("4bf92f35-77b3.4da6:a3ce_929d0e0e4736");
    assertThat(RequestIdFilter.accepted("x".repeat(128))).hasSize(128);
  }

  @Test
  void anythingThatCouldForgeOrBloatALogLineIsReplaced() {
    assertThat(RequestIdFilter.accepted(null)).isNull();
    assertThat(RequestIdFilter.accepted("")).isNull();
    assertThat(RequestIdFilter.accepted("x".repeat(129))).isNull();
    assertThat(RequestIdFilter.accepted("a b")).isNull();
    assertThat(RequestIdFilter.accepted("a\"b")).isNull();
    assertThat(RequestIdFilter.accepted("a\nlevel=ERROR")).isNull();
    assertThat(RequestIdFilter.accepted("é")).isNull();
  }
}
