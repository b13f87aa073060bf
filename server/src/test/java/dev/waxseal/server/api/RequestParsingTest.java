package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.merkle.Hash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/** The API's strict parsing of parameters, ids, hashes, locations and bodies, without a server. */
class RequestParsingTest {
  @ParameterizedTest
  @CsvSource({"0,0", "7,7", "9223372036854775807,9223372036854775807"})
  void parsesPlainDecimals(String value, long want) {
    assertThat(QueryParameters.integer("logIndex", value, 0)).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource({
    "+5,logIndex in query must be of type integer",
    "007,logIndex in query must be of type integer",
    "0x10,logIndex in query must be of type integer",
    "1e3,logIndex in query must be of type integer",
    "' 1',logIndex in query must be of type integer",
    "'',logIndex in query must be of type integer",
    "-1,logIndex in query should be greater than or equal to 0",
    "-99999999999999999999,logIndex in query should be greater than or equal to 0",
    "9223372036854775808,logIndex in query must be of type int64"
  })
  void refusesAnythingElse(String value, String message) {
    assertThatThrownBy(() -> QueryParameters.integer("logIndex", value, 0))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message);
  }

  @Test
  void treeIdsArePositiveDecimals() {
    assertThat(QueryParameters.treeId("3009951438302411747")).isEqualTo(3009951438302411747L);
    assertThatThrownBy(() -> QueryParameters.treeId("-1"))
        .hasMessage("invalid tree ID specified: -1");
    assertThatThrownBy(() -> QueryParameters.treeId("99999999999999999999"))
        .hasMessage("invalid tree ID specified: 99999999999999999999");
  }

  @Test
  void entryIdsCarryTreeAndLeafHash() {
    Hash leaf = Hash.fromHex("ab".repeat(32));
    String id = EntryId.format(0x29c57ee2bf30fbe3L, leaf);
    assertThat(id).isEqualTo("29c57ee2bf30fbe3" + "ab".repeat(32));
    assertThat(EntryId.parse(id).treeId()).hasValue(0x29c57ee2bf30fbe3L);
    assertThat(EntryId.parse(id.toUpperCase(java.util.Locale.ROOT)).leafHash()).isEqualTo(leaf);
    assertThat(EntryId.parse(id.substring(16)).treeId()).isEmpty();
    assertThat(EntryId.format(1, leaf)).startsWith("0000000000000001");
    assertThat(EntryId.matches("ab".repeat(32) + "0")).isFalse();
    assertThatThrownBy(() -> EntryId.parse("f".repeat(80)))
        .hasMessage("incorrectly formatted uuid " + "f".repeat(80));
  }

  @ParameterizedTest
  @CsvSource({
    "abc,",
    "sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789,"
        + "sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789,"
        + "sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
    "0123456789012345678901234567890123456789,sha1:0123456789012345678901234567890123456789"
  })
  void prefixesBareHashesByLength(String hash, String want) {
    if (want == null) {
      assertThatThrownBy(() -> IndexSearch.hashKey(hash)).isInstanceOf(BadRequestException.class);
    } else {
      assertThat(IndexSearch.hashKey(hash)).isEqualTo(want);
    }
  }

  @Test
  void sha512HashesGetTheirPrefix() {
    assertThat(IndexSearch.hashKey("0".repeat(128))).isEqualTo("sha512:" + "0".repeat(128));
  }

  @Test
  void locationsDropTheApiKeyAsRekorDoes() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/log/entries");
    assertThat(Locations.entry(request, "id")).isEqualTo("/api/v1/log/entries/id");
    request.setQueryString("apiKey=secret&b=2&a=1");
    assertThat(Locations.entry(request, "id")).isEqualTo("/api/v1/log/entries/id?a=1&b=2");
    request.setQueryString("apiKey=secret");
    assertThat(Locations.entry(request, "id")).isEqualTo("/api/v1/log/entries/id");
  }

  @Test
  void bodiesAreLimitedWhetherTheirLengthIsDeclaredOrNot() {
    JsonBodyReader reader = new JsonBodyReader(new ApiProperties(DataSize.ofBytes(8)));
    assertThat(reader.read("entry", in("{\"a\":1}"), 7).get("a").intValue()).isEqualTo(1);
    assertThatThrownBy(() -> reader.read("entry", in("{}"), 9))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessage("Request Entity Too Large. Limit set to 8");
    assertThatThrownBy(() -> reader.read("entry", in("{\"ab\":12}"), -1))
        .isInstanceOf(RequestTooLargeException.class);
    assertThatThrownBy(() -> reader.read("entry", in(" \n"), -1))
        .hasMessage("entry in body is required");
  }

  @Test
  void parserMessagesLoseLocationsAndClassNames() {
    assertThat(
            JsonBodyReader.describe(
                "invalid JSON: Unexpected end-of-input: expected close marker for Object"
                    + " (start marker at [Source: REDACTED; line: 1, column: 1])"))
        .isEqualTo("invalid JSON: Unexpected end-of-input: expected close marker for Object");
    assertThat(JsonBodyReader.describe("invalid JSON: Cannot construct `tools.jackson.X`"))
        .isEqualTo("invalid JSON");
  }

  private static InputStream in(String s) {
    return new ByteArrayInputStream(Signers.utf8(s));
  }
}
