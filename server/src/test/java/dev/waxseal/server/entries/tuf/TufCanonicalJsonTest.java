package dev.waxseal.server.entries.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.entries.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** go-securesystemslib {@code cjson} rules, checked on known answers. */
class TufCanonicalJsonTest {
  private static String encode(String json) {
    return new String(
        TufCanonicalJson.encode(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8))),
        StandardCharsets.UTF_8);
  }

  @Test
  void sortsKeysEscapesOnlyQuoteAndBackslashAndWritesUtf8() {
    assertThat(
            encode("{\"b\": \"q\\\"b\\\\n\\n\\u00e9\\t\", \"a\": [1, true, null, 2.0], \"A\": {}}"))
        .isEqualTo("{\"A\":{},\"a\":[1,true,null,2],\"b\":\"q\\\"b\\\\n\né\t\"}");
  }

  @Test
  void sortsKeysByUtf8BytesNotUtf16() {
    // U+FF61 sorts before U+1F600 in UTF-16 but after it... in neither: compare bytes EF vs F0.
    assertThat(encode("{\"\\ud83d\\ude00\": 1, \"\\uff61\": 2}"))
        .isEqualTo("{\"\uff61\":2,\"\ud83d\ude00\":1}");
  }

  @ParameterizedTest
  @CsvSource({"1.5", "1e21", "-0.25", "1e300"})
  void refusesNumbersThatAreNotInt64Integers(String number) {
    assertThatThrownBy(() -> encode("{\"n\": " + number + "}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("can't canonicalize floating point number");
  }

  @Test
  void printsIntegersAsGoDoesAfterAFloat64() {
    assertThat(encode("[100, 1e2, -7, 9007199254740993, -0.0]"))
        .isEqualTo("[100,100,-7,9007199254740992,-0]");
  }
}
