package dev.waxseal.server.entries.rekorv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request decoding of rekor-tiles' gateway (Go {@code json.Decoder}, then {@code protojson}
 * with unknown fields refused): accepted shapes and each error's exact message and position.
 */
class ProtoJsonReaderTest {

  private static CreateEntryRequest read(String json) {
    return ProtoJsonReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Fuzzing finding (RekorV2FuzzTest): a raw control character inside a string passed the syntax
   * check, which skipped strings undecoded, and then escaped as a Jackson exception (HTTP 500).
   */
  @Test
  void controlCharacterInAStringIsASyntaxErrorNotAServerError() {
    RekorV2Exception e =
        catchThrowableOfType(
            RekorV2Exception.class,
            () -> read("{\"hashedRekordRequestV002\":{\"digest\":\"AA\u0001E=\"}}"));
    assertThat(e.status().httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("invalid character ");
  }

  @Test
  void emptyOrBlankBodyIsAnEmptyRequest() {
    assertThat(read("")).isEqualTo(new CreateEntryRequest(null, null));
    assertThat(read(" \n\t")).isEqualTo(new CreateEntryRequest(null, null));
  }

  @Test
  void onlyTheFirstJsonValueIsRead() {
    CreateEntryRequest request = read("  {} trailing garbage");
    assertThat(request.hashedRekord()).isNull();
    assertThat(request.dsse()).isNull();
  }

  @Test
  void readsJsonNamesAndProtoNames() {
    CreateEntryRequest byJson =
        read(
            "{\"hashedRekordRequestV002\":{\"digest\":\"AAE=\",\"signature\":{\"content\":\"Ag==\","
                + "\"verifier\":{\"publicKey\":{\"rawBytes\":\"Aw==\"},\"keyDetails\":\"PKIX_ED25519_PH\"}}}}");
    CreateEntryRequest byProto =
        read(
            "{\"hashed_rekord_request_v002\":{\"digest\":\"AAE=\",\"signature\":{\"content\":\"Ag==\","
                + "\"verifier\":{\"public_key\":{\"raw_bytes\":\"Aw==\"},\"key_details\":8}}}}");
    for (CreateEntryRequest r : new CreateEntryRequest[] {byJson, byProto}) {
      assertThat(r.hashedRekord().digest()).containsExactly(0, 1);
      assertThat(r.hashedRekord().signature().content()).containsExactly(2);
      assertThat(r.hashedRekord().signature().verifier().publicKey()).containsExactly(3);
      assertThat(r.hashedRekord().signature().verifier().certificate()).isNull();
      assertThat(r.hashedRekord().signature().verifier().keyDetails()).isEqualTo(8);
    }
  }

  @Test
  void nullLeavesAFieldUnsetSoTheOtherOneofMemberMayBeSet() {
    CreateEntryRequest request =
        read("{\"hashedRekordRequestV002\":null,\"dsseRequestV002\":{\"verifiers\":[]}}");
    assertThat(request.hashedRekord()).isNull();
    assertThat(request.dsse()).isNotNull();
    assertThat(request.dsse().envelope()).isNull();
    assertThat(request.dsse().verifiers()).isEmpty();
  }

  @Test
  void readsEnvelopeWithSignatures() {
    CreateEntryRequest request =
        read(
            "{\"dsseRequestV002\":{\"envelope\":{\"payload\":\"aGk=\",\"payloadType\":\"t\","
                + "\"signatures\":[{\"sig\":\"AQ==\",\"keyid\":\"k\"}]},\"verifiers\":"
                + "[{\"x509Certificate\":{\"rawBytes\":\"BA==\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}]}}");
    CreateEntryRequest.Envelope envelope = request.dsse().envelope();
    assertThat(envelope.payload()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(envelope.payloadType()).isEqualTo("t");
    assertThat(envelope.signatures()).hasSize(1);
    assertThat(envelope.signatures().get(0).sig()).containsExactly(1);
    assertThat(envelope.signatures().get(0).keyid()).isEqualTo("k");
    assertThat(request.dsse().verifiers().get(0).certificate()).containsExactly(4);
    assertThat(request.dsse().verifiers().get(0).keyDetails()).isEqualTo(5);
  }

  @Test
  void decodesBytesAsProtojson() {
    // URL-safe alphabet when '-' or '_' appear; unpadded when the length is not a multiple of 4.
    assertThat(ProtoJsonReader.goBase64("-_8"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(0xfb, 0xff));
    assertThat(ProtoJsonReader.goBase64("AQ"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    assertThat(ProtoJsonReader.goBase64("AQ=="))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    assertThat(ProtoJsonReader.goBase64("AQ\r\n=="))
        .isEmpty(); // length 6: unpadded mode, '=' refused
    assertThat(ProtoJsonReader.goBase64("A\nQ==")).isEmpty(); // length 5: unpadded mode
    assertThat(ProtoJsonReader.goBase64("AQ=\n=\r\nAA")).isEmpty();
    assertThat(ProtoJsonReader.goBase64("AB\nCD")) // length 5: unpadded mode, LF skipped
        .hasValueSatisfying(b -> assertThat(b).containsExactly(0x00, 0x10, 0x83));
    assertThat(ProtoJsonReader.goBase64("ABC\nDEF=")).isEmpty(); // padded mode, "EF=" incomplete
    assertThat(ProtoJsonReader.goBase64("A\nB\nC\nD\nEFG=")) // length 12: padded mode
        .hasValueSatisfying(b -> assertThat(b).hasSize(5));
    assertThat(ProtoJsonReader.goBase64("*AQ=")).isEmpty();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "a Rekor v1 body",
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}",
            "proto: (line 1:2): unknown field \"kind\""),
        Arguments.of(
            "unknown nested field",
            "{\"hashedRekordRequestV002\":{\n  \"digests\":\"AA==\"}}",
            "proto: (line 2:3): unknown field \"digests\""),
        Arguments.of(
            "repeated field",
            "{\"hashedRekordRequestV002\":{\"digest\":\"AA==\",\"digest\":\"AA==\"}}",
            "proto: (line 1:45): duplicate field \"digest\""),
        Arguments.of(
            "field repeated under its proto name",
            "{\"dsseRequestV002\":{\"verifiers\":[{\"publicKey\":{\"rawBytes\":\"AA==\",\"raw_bytes\":\"AA==\"}}]}}",
            "proto: (line 1:66): duplicate field \"raw_bytes\""),
        Arguments.of(
            "both kinds",
            "{\"hashedRekordRequestV002\":{},\"dsseRequestV002\":{}}",
            "proto: (line 1:31): error parsing \"dsseRequestV002\", oneof"
                + " dev.sigstore.rekor.v2.CreateEntryRequest.spec is already set"),
        Arguments.of(
            "public key and certificate",
            "{\"dsseRequestV002\":{\"verifiers\":[{\"publicKey\":{},\"x509Certificate\":{}}]}}",
            "proto: (line 1:50): error parsing \"x509Certificate\", oneof"
                + " dev.sigstore.rekor.v2.Verifier.verifier is already set"),
        Arguments.of(
            "number as bytes",
            "{\"hashedRekordRequestV002\":{\"digest\":1}}",
            "proto: (line 1:38): invalid value for bytes field digest: 1"),
        Arguments.of(
            "bytes that are not base64",
            "{\"hashedRekordRequestV002\":{\"digest\":\"a*b=\"}}",
            "proto: (line 1:38): invalid value for bytes field digest: \"a*b=\""),
        Arguments.of(
            "number as string",
            "{\"dsseRequestV002\":{\"envelope\":{\"payloadType\":7}}}",
            "proto: (line 1:47): invalid value for string field payloadType: 7"),
        Arguments.of(
            "unknown enum name",
            "{\"dsseRequestV002\":{\"verifiers\":[{\"keyDetails\":\"NOPE\"}]}}",
            "proto: (line 1:48): invalid value for enum field keyDetails: \"NOPE\""),
        Arguments.of(
            "enum number beyond int32",
            "{\"dsseRequestV002\":{\"verifiers\":[{\"keyDetails\":4294967296}]}}",
            "proto: (line 1:48): invalid value for enum field keyDetails: 4294967296"),
        Arguments.of(
            "string for a message",
            "{\"hashedRekordRequestV002\":\"x\"}",
            "proto: syntax error (line 1:28): unexpected token \"x\""),
        Arguments.of(
            "object for a repeated field",
            "{\"dsseRequestV002\":{\"verifiers\":{}}}",
            "proto: syntax error (line 1:33): unexpected token {"),
        Arguments.of(
            "null in a repeated message field",
            "{\"dsseRequestV002\":{\"verifiers\":[null]}}",
            "proto: syntax error (line 1:34): unexpected token null"),
        Arguments.of(
            "array for the request", "[]", "proto: syntax error (line 1:1): unexpected token ["),
        Arguments.of(
            "not JSON", "hashedrekord", "invalid character 'h' looking for beginning of value"),
        Arguments.of("truncated", "{\"hashedRekordRequestV002\":{", "unexpected EOF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refusesWithProtojsonMessage(String rule, String json, String message) {
    RekorV2Exception e = catchThrowableOfType(RekorV2Exception.class, () -> read(json));

    assertThat(e).as(rule).isNotNull();
    assertThat(e.status().code()).isEqualTo(GrpcCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).isEqualTo(message);
  }
}
