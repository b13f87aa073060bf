package dev.waxseal.server.entries.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.LogEntryHttp;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * rpm 0.0.1 over HTTP with a package built by {@code rpmbuild} and signed by today's {@code
 * rpmsign} (header-only signature): logged, read back, proven; a copy with one payload byte changed
 * refused, the tree unchanged.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=api.test"})
class RpmIT extends PostgresIntegrationTest {
  @LocalServerPort int port;

  @Test
  void logsARealRpmsignPackageAndRefusesATamperedCopy() throws Exception {
    LogEntryHttp http = new LogEntryHttp(port);
    byte[] rpm = RealRpms.load("rsa-header-only.rpm");
    byte[] publicKey = RealRpms.load("rsa.pub.asc");

    LogEntryHttp.Response created = http.create("rpm", RpmKindTest.request(rpm, publicKey));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    byte[] body = LogEntryHttp.verifiedBody(created);
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains("\"Name\":\"waxseal-hello\"", "\"Release\":\"4\"");
    LogEntryHttp.Response read = http.get("/api/v1/log/entries/" + LogEntryHttp.entryId(created));
    assertThat(read.status()).isEqualTo(200);
    assertThat(LogEntryHttp.verifiedBody(read)).isEqualTo(body);

    long size = http.treeSize();
    byte[] tampered = RealRpms.flip(rpm, RealRpms.payloadStart(rpm) + 100);
    LogEntryHttp.Response refused = http.create("rpm", RpmKindTest.request(tampered, publicKey));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue())
        .isEqualTo("error processing entry: payload SHA-256 digest mismatch");
    assertThat(http.treeSize()).isEqualTo(size);

    byte[] forged = RealRpms.flip(rpm, RealRpms.signatureValue(rpm, 268)[1] - 1);
    LogEntryHttp.Response notVerified = http.create("rpm", RpmKindTest.request(forged, publicKey));

    assertThat(notVerified.status()).as(notVerified.body()).isEqualTo(400);
    assertThat(notVerified.json().get("message").stringValue())
        .isEqualTo("error processing entry: openpgp: invalid signature: RSA verification failure");
    assertThat(http.treeSize()).isEqualTo(size);
  }
}
