package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.EntryKinds;
import java.net.http.HttpRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every kind of bad input gets a 4xx with Rekor's error body and a message that says what to fix,
 * and leaves the tree as it was. No response carries a stack trace, SQL or an internal class name.
 */
class BadInputIT extends ApiIntegrationTest {
  /** Stands for the server's list of kinds in expected messages; filled in from the registry. */
  private static final String SUPPORTED = "{supported}";

  @Autowired EntryKinds kinds;

  private static final String ENTRIES = "/api/v1/log/entries";
  private static final byte[] ARTIFACT = Signers.utf8("bad input");
  private static final String HEX = HexFormat.of().formatHex(Signers.digest("sha256", ARTIFACT));
  private static final String KEY = Signers.b64(Signers.publicKeyPem(Signers.Key.P256));
  private static final String SIGNATURE = Signers.b64(Signers.sign(Signers.Key.P256, ARTIFACT));

  private static Arguments post(String body, int status, String message) {
    return Arguments.of(
        body.length() > 60 ? body.substring(0, 60) + "…" : body, body, status, message);
  }

  static List<Arguments> badEntries() {
    String otherSignature = Signers.b64(Signers.sign(Signers.Key.P256, Signers.utf8("other")));
    return List.of(
        post(
            "{",
            400,
            "parsing proposedEntry body failed, because invalid JSON: Unexpected end-of-input: expected close marker for Object"),
        post(
            "{} {}",
            400,
            "parsing proposedEntry body failed, because invalid JSON: more than one JSON value"),
        post("", 400, "proposedEntry in body is required"),
        post(
            "{\"kind\":x}",
            400,
            "parsing proposedEntry body failed, because invalid JSON: Unrecognized token 'x': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')"),
        post("[]", 400, "error processing entry: proposed entry must be a JSON object"),
        post(
            "{\"apiVersion\":\"0.0.1\",\"spec\":{}}",
            400,
            "error processing entry: kind in body is required"),
        post(
            "{\"kind\":\"nosuchkind\",\"apiVersion\":\"0.0.1\",\"spec\":{}}",
            400,
            "error processing entry: unknown kind 'nosuchkind' specified; this server accepts "
                + SUPPORTED),
        post(
            "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{}}",
            400,
            "error processing entry: entry kind 'hashedrekord' does not support inserting entries of"
                + " version '0.0.2'; this server accepts "
                + SUPPORTED),
        post(
            Signers.proposed(otherSignature, KEY, "sha256", HEX),
            400,
            "error processing entry: verifying signature: invalid signature when validating ASN.1 encoded signature"),
        post(
            Signers.proposed(SIGNATURE, Signers.b64(Signers.utf8("not a key")), "sha256", HEX),
            400,
            "error processing entry: invalid public key: failure decoding PEM"),
        post(
            Signers.proposed(SIGNATURE, KEY, "sha256", HEX.substring(2)),
            400,
            "error processing entry: invalid value for hash"),
        post(
            Signers.proposed(SIGNATURE, KEY, "md5", HEX),
            400,
            "error processing entry: data.hash.algorithm in body should be one of [sha256 sha384 sha512]"),
        post(
            Signers.proposed(SIGNATURE, KEY, "sha256", "g" + HEX.substring(1)),
            400,
            "error processing entry: encoding/hex: invalid byte: U+0067 'g'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void refusesBadEntriesWithoutChangingTheTree(
      String name, String body, int status, String message) {
    long size = client.treeSize();

    ApiClient.Response response = client.post(ENTRIES, body);

    assertRekorError(response, status, message);
    assertThat(client.treeSize()).isEqualTo(size);
  }

  static List<Arguments> badReads() {
    String pattern = "'^([0-9a-fA-F]{64}|[0-9a-fA-F]{80})$'";
    return List.of(
        Arguments.of(ENTRIES, 400, "logIndex in query is required"),
        Arguments.of(ENTRIES + "?logIndex=abc", 400, "logIndex in query must be of type integer"),
        Arguments.of(ENTRIES + "?logIndex=+5", 400, "logIndex in query must be of type integer"),
        Arguments.of(ENTRIES + "?logIndex=007", 400, "logIndex in query must be of type integer"),
        Arguments.of(
            ENTRIES + "?logIndex=-1",
            400,
            "logIndex in query should be greater than or equal to 0"),
        Arguments.of(
            ENTRIES + "?logIndex=99999999999999999999",
            400,
            "logIndex in query must be of type int64"),
        Arguments.of(
            ENTRIES + "?logIndex=9223372036854775807",
            404,
            "no entry found at logIndex 9223372036854775807"),
        Arguments.of(
            ENTRIES + "/" + "a".repeat(63), 400, "entryUUID in path should match " + pattern),
        Arguments.of(
            ENTRIES + "/" + "g".repeat(64), 400, "entryUUID in path should match " + pattern),
        Arguments.of(ENTRIES + "/" + "a".repeat(64), 404, "no entry found for " + "a".repeat(64)),
        Arguments.of(
            ENTRIES + "/" + "0".repeat(15) + "1" + "a".repeat(64),
            404,
            "no entry found for " + "0".repeat(15) + "1" + "a".repeat(64)),
        Arguments.of(
            ENTRIES + "/" + "f".repeat(80), 400, "incorrectly formatted uuid " + "f".repeat(80)),
        Arguments.of("/api/v1/log/proof", 400, "lastSize in query is required"),
        Arguments.of(
            "/api/v1/log/proof?lastSize=0",
            400,
            "lastSize in query should be greater than or equal to 1"),
        Arguments.of(
            "/api/v1/log/proof?firstSize=0&lastSize=1",
            400,
            "firstSize in query should be greater than or equal to 1"),
        Arguments.of(
            "/api/v1/log/proof?firstSize=3&lastSize=2",
            400,
            "firstSize(3) must be less than lastSize(2)"),
        Arguments.of(
            "/api/v1/log/proof?lastSize=1&treeID=x1", 400, "invalid tree ID specified: x1"),
        Arguments.of(
            "/api/v1/log/proof?lastSize=1&treeID=42", 400, "no log range found for tree ID 42"),
        Arguments.of("/api/v1/log/publicKey?treeID=42", 400, "no log range found for tree ID 42"),
        Arguments.of("/api/v1/nothing", 404, "path /api/v1/nothing was not found"));
  }

  @ParameterizedTest(name = "GET {0}")
  @MethodSource("badReads")
  void refusesBadReads(String path, int status, String message) {
    assertRekorError(client.get(path), status, message);
  }

  @Test
  void refusesProofsBeyondTheCurrentSize() {
    long size = client.treeSize();
    assertRekorError(
        client.get("/api/v1/log/proof?lastSize=" + (size + 1)),
        400,
        "the tree size requested("
            + (size + 1)
            + ") was greater than what is currently observable("
            + size
            + ")");
  }

  static List<Arguments> badSearches() {
    String hashPattern =
        "'^(sha512:)?[0-9a-fA-F]{128}$|^(sha256:)?[0-9a-fA-F]{64}$|^(sha1:)?[0-9a-fA-F]{40}$'";
    return List.of(
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"logIndexes\":[0,1,2,3,4,5],\"entryUUIDs\":[\""
                + "a".repeat(64)
                + "\",\""
                + "b".repeat(64)
                + "\",\""
                + "c".repeat(64)
                + "\",\""
                + "d".repeat(64)
                + "\",\""
                + "e".repeat(64)
                + "\"]}",
            422,
            "more than max allowed 10 entries in request"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"logIndexes\":[-1]}",
            400,
            "logIndexes.0 in body should be greater than or equal to 0"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"logIndexes\":[\"1\"]}",
            400,
            "logIndexes.0 in body must be of type integer"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"logIndexes\":[]}",
            400,
            "logIndexes in body should have at least 1 items"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"entryUUIDs\":\"x\"}",
            400,
            "entryUUIDs in body must be of type array"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"entryUUIDs\":[\"xyz\"]}",
            400,
            "entryUUIDs.0 in body should match '^([0-9a-fA-F]{64}|[0-9a-fA-F]{80})$'"),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"entryUUIDs\":[\"" + "f".repeat(80) + "\"]}",
            400,
            "invalid entryID " + "f".repeat(80)),
        Arguments.of(
            "/api/v1/log/entries/retrieve",
            "{\"entries\":[{\"kind\":\"nosuchkind\",\"apiVersion\":\"0.0.1\",\"spec\":{}}]}",
            400,
            "unknown kind 'nosuchkind' specified; this server accepts " + SUPPORTED),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"hash\":\"sha256:abc\"}",
            400,
            "hash in body should match " + hashPattern),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"hash\":\"sha256:" + "a".repeat(128) + "\"}",
            400,
            "hash in body should match " + hashPattern),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"operator\":\"xor\"}",
            400,
            "operator in body should be one of [and or]"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"email\":\"nobody\"}",
            400,
            "email in body must be of type email"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"subject\":\"\"}",
            400,
            "subject in body should be at least 1 chars long"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"subject\":\"" + "s".repeat(513) + "\"}",
            400,
            "subject in body should be at most 512 chars long"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"content\":\"" + KEY + "\"}}",
            400,
            "publicKey.format in body is required"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"pem\"}}",
            400,
            "publicKey.format in body should be one of [pgp x509 minisign ssh tuf]"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"tuf\",\"content\":\"AA==\"}}",
            400,
            "public key provided could not be parsed: tuf: the key must be a TUF root.json, a JSON"
                + " object"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"ssh\",\"content\":\"AA==\"}}",
            400,
            "public key provided could not be parsed: ssh: no key found: publicKey.content must be"
                + " an OpenSSH public key line (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or"
                + " ssh-rsa)"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"x509\",\"url\":\"https://example.com/key\"}}",
            400,
            "publicKey.url is not supported by this server; send the key as publicKey.content"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"x509\",\"content\":\"!!\"}}",
            400,
            "publicKey.content in body must be of type byte (base64)"),
        Arguments.of(
            "/api/v1/index/retrieve",
            "{\"publicKey\":{\"format\":\"x509\",\"content\":\""
                + Signers.b64(Signers.utf8("junk"))
                + "\"}}",
            400,
            "public key provided could not be parsed: invalid public key: failure decoding PEM"),
        Arguments.of("/api/v1/index/retrieve", "[1]", 400, "query in body must be of type object"));
  }

  @ParameterizedTest(name = "POST {0} {1}")
  @MethodSource("badSearches")
  void refusesBadSearches(String path, String body, int status, String message) {
    assertRekorError(client.post(path, body), status, message);
  }

  @Test
  void wrongMethodIs405WithAllow() {
    ApiClient.Response response = client.send(client.request("/api/v1/log").DELETE().build());
    assertRekorError(response, 405, "method DELETE is not allowed on /api/v1/log; allowed: GET");
    assertThat(response.header("Allow")).isEqualTo("GET");
  }

  @Test
  void wrongMediaTypeIs415() {
    long size = client.treeSize();
    ApiClient.Response response =
        client.send(
            client
                .request(ENTRIES)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("kind=hashedrekord"))
                .build());
    assertRekorError(
        response,
        415,
        "unsupported media type application/x-www-form-urlencoded; send Content-Type: application/json");
    assertThat(client.treeSize()).isEqualTo(size);
  }

  @Test
  void bodyOverTheLimitIs413() {
    long size = client.treeSize();
    String huge = "{\"kind\":\"" + "x".repeat(1 << 20) + "\"}";
    assertRekorError(
        client.post(ENTRIES, huge), 413, "Request Entity Too Large. Limit set to 1048576");
    assertThat(client.treeSize()).isEqualTo(size);
  }

  @Test
  void pathsOutsideTheApiKeepSpringsErrors() {
    ApiClient.Response response = client.get("/nothing-here");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("\"code\":404,\"message\"");
  }

  private static String supportedKinds = "";

  @org.junit.jupiter.api.BeforeEach
  void knowTheSupportedKinds() {
    supportedKinds = kinds.supported();
  }

  static void assertRekorError(ApiClient.Response response, int status, String message) {
    Supplier<String> description = () -> response.status() + " " + response.body();
    assertThat(response.status()).as(description).isEqualTo(status);
    assertThat(response.header("Content-Type")).as(description).startsWith("application/json");
    assertThat(response.json().propertyNames()).containsExactly("code", "message");
    assertThat(response.json().get("code").intValue()).isEqualTo(status);
    assertThat(response.json().get("message").stringValue())
        .isEqualTo(message.replace(SUPPORTED, supportedKinds));
    assertThat(response.body())
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("dev.waxseal")
        .doesNotContain("tools.jackson")
        .doesNotContainIgnoringCase("sql")
        .doesNotContain("\tat ");
  }
}
