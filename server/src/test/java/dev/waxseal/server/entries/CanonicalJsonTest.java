package dev.waxseal.server.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** RFC 8785 vectors (Appendix B numbers, §3.2.2 and §3.2.3 examples). */
class CanonicalJsonTest {

  private static String canonical(String json) {
    return new String(
        CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript form. */
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void formatsNumbersAsEcmaScript(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThat(CanonicalJson.formatNumber(value)).isEqualTo(expected);
  }

  @Test
  void formatsSmallNumbersFromTheRfcText() {
    assertThat(CanonicalJson.formatNumber(4.5e-7)).isEqualTo("4.5e-7");
    assertThat(CanonicalJson.formatNumber(1e21)).isEqualTo("1e+21");
    assertThat(CanonicalJson.formatNumber(1e20)).isEqualTo("100000000000000000000");
    assertThat(CanonicalJson.formatNumber(-0.0)).isEqualTo("0");
    assertThat(CanonicalJson.formatNumber(0.1)).isEqualTo("0.1");
    assertThat(CanonicalJson.formatNumber(1710869186)).isEqualTo("1710869186");
    assertThat(CanonicalJson.formatNumber(2.82879384806159e17)).isEqualTo("282879384806159000");
    assertThat(CanonicalJson.formatNumber(5e-7)).isEqualTo("5e-7");
    assertThat(CanonicalJson.formatNumber(1.5e-6)).isEqualTo("0.0000015");
  }

  @Test
  void rejectsNonFiniteNumbers() {
    assertThatThrownBy(() -> CanonicalJson.formatNumber(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.formatNumber(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** RFC 8785 §3.2.2 example input and output. */
  @Test
  void canonicalizesTheRfcPrimitivesExample() {
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
            + "              2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";
    String expected =
        "{\"literals\":[null,true,false],"
            + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertThat(canonical(input)).isEqualTo(expected);
  }

  /** RFC 8785 §3.2.3: members sorted by UTF-16 code units, not by code points or UTF-8. */
  @Test
  void sortsKeysByUtf16CodeUnits() {
    String input =
        "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew\","
            + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji\", \"\\u0080\": \"Control\","
            + " \"\\u00f6\": \"o umlaut\"}";
    String expected =
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"o umlaut\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\","
            + "\"\ufb33\":\"Hebrew\"}";
    assertThat(canonical(input)).isEqualTo(expected);
  }

  @Test
  void escapesOnlyWhatRfc8785Requires() {
    String input = "[\"\\u0000\\u001f\\u007f\\u2028<>&\\b\\f\\t/\"]";
    assertThat(canonical(input)).isEqualTo("[\"\\u0000\\u001f\u007f\u2028<>&\\b\\f\\t/\"]");
  }

  @Test
  void sortsNestedObjectsAndKeepsArrayOrder() {
    assertThat(canonical("{\"b\":[3,{\"z\":1,\"a\":2}],\"a\":{}}"))
        .isEqualTo("{\"a\":{},\"b\":[3,{\"a\":2,\"z\":1}]}");
  }

  @Test
  void rejectsUnpairedSurrogates() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("s", "\ud800x");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(node))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThatThrownBy(() -> CanonicalJson.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
