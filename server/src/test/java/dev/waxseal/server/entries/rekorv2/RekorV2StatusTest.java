package dev.waxseal.server.entries.rekorv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answers of rekor-tiles' HTTP gateway, byte for byte. */
class RekorV2StatusTest {

  private static String body(RekorV2Status status) {
    return new String(status.body(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "CANCELED,1,499",
    "UNKNOWN,2,500",
    "INVALID_ARGUMENT,3,400",
    "DEADLINE_EXCEEDED,4,504",
    "NOT_FOUND,5,404",
    "ALREADY_EXISTS,6,409",
    "PERMISSION_DENIED,7,403",
    "RESOURCE_EXHAUSTED,8,429",
    "FAILED_PRECONDITION,9,400",
    "ABORTED,10,409",
    "OUT_OF_RANGE,11,400",
    "UNIMPLEMENTED,12,501",
    "INTERNAL,13,500",
    "UNAVAILABLE,14,503",
    "DATA_LOSS,15,500",
    "UNAUTHENTICATED,16,401"
  })
  void mapsEveryGrpcCodeAsGrpcGateway(GrpcCode code, int number, int httpStatus) {
    RekorV2Status status = RekorV2Status.of(code, "m");
    assertThat(code.number()).isEqualTo(number);
    assertThat(status.httpStatus()).isEqualTo(httpStatus);
    assertThat(status.contentType()).isEqualTo("application/json");
    assertThat(body(status))
        .isEqualTo("{\"code\":" + number + ",\"message\":\"m\",\"details\":[]}");
    assertThat(status.headers()).isEmpty();
  }

  @Test
  void okIsNotAnError() {
    assertThatThrownBy(() -> RekorV2Status.of(GrpcCode.OK, "fine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OK is not an error");
  }

  @Test
  void invalidRequestIs400Code3() {
    RekorV2Status status = RekorV2Status.invalidArgument(RekorV2Status.INVALID_HASHEDREKORD);
    assertThat(status.httpStatus()).isEqualTo(400);
    assertThat(body(status))
        .isEqualTo("{\"code\":3,\"message\":\"invalid hashedrekord request\",\"details\":[]}");
  }

  @Test
  void duplicateIs409WithTheExistingIndexInHeaderAndMessage() {
    RekorV2Status status = RekorV2Status.duplicate(735);
    assertThat(status.httpStatus()).isEqualTo(409);
    assertThat(status.headers()).isEqualTo(Map.of("x-log-index", "735"));
    assertThat(status.existingIndex()).hasValue(735L);
    assertThat(body(status))
        .isEqualTo(
            "{\"code\":6,\"message\":\"an equivalent entry already exists in the transparency log"
                + " with index 735\",\"details\":[]}");
    assertThatThrownBy(() -> RekorV2Status.duplicate(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index -1 is negative");
  }

  @Test
  void pushbackIs503Code14() {
    RekorV2Status status = RekorV2Status.pushback();
    assertThat(status.httpStatus()).isEqualTo(503);
    assertThat(body(status))
        .isEqualTo("{\"code\":14,\"message\":\"reached max pushback; retry\",\"details\":[]}");
  }

  @Test
  void integrationFailureIs500Code2WithAFixedMessage() {
    RekorV2Status status = RekorV2Status.integrationFailed();
    assertThat(status.httpStatus()).isEqualTo(500);
    assertThat(body(status))
        .isEqualTo("{\"code\":2,\"message\":\"failed to integrate entry\",\"details\":[]}");
  }

  @Test
  void frozenLogIs405PlainText() {
    RekorV2Status status = RekorV2Status.frozen();
    assertThat(status.httpStatus()).isEqualTo(405);
    assertThat(status.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(body(status))
        .isEqualTo("This log has been frozen, please switch to the latest log.\n");
  }

  @Test
  void routingErrorsAsTheGatewayAnswersThem() {
    assertThat(body(RekorV2Status.routing(404)))
        .isEqualTo("{\"code\":5,\"message\":\"Not Found\",\"details\":[]}");
    RekorV2Status wrongMethod = RekorV2Status.routing(405);
    assertThat(wrongMethod.httpStatus()).isEqualTo(501);
    assertThat(body(wrongMethod))
        .isEqualTo("{\"code\":12,\"message\":\"Method Not Allowed\",\"details\":[]}");
    assertThat(body(RekorV2Status.routing(400)))
        .isEqualTo("{\"code\":3,\"message\":\"Bad Request\",\"details\":[]}");
    assertThat(body(RekorV2Status.routing(418)))
        .isEqualTo("{\"code\":13,\"message\":\"Unexpected routing error\",\"details\":[]}");
  }

  @Test
  void escapesTheMessageAsJson() {
    assertThat(body(RekorV2Status.invalidArgument("proto: unknown field \"a\\b\"\n\u0001")))
        .isEqualTo(
            "{\"code\":3,\"message\":\"proto: unknown field \\\"a\\\\b\\\"\\n\\u0001\",\"details\":[]}");
  }
}
