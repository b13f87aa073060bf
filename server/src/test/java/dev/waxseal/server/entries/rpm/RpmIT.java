package dev.waxseal.server.entries.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.pgp.PgpTestKeys;
import dev.waxseal.server.testing.LogEntryHttp;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** rpm 0.0.1 over HTTP: a signed RPM logged, read back, proven; a tampered one not. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=api.test"})
class RpmIT extends PostgresIntegrationTest {
  @LocalServerPort int port;

  @Test
  void logsAPackageAndRefusesATamperedOne() throws Exception {
    LogEntryHttp http = new LogEntryHttp(port);
    PgpTestKeys.Ring key = PgpTestKeys.rsa("RPM Signer <rpm@example.com>", 41);
    byte[] rpm =
        Rpms.rpm(
            key,
            Rpms.main("hello", 0, "2.0", "3.el9", "aarch64"),
            "payload".getBytes(StandardCharsets.UTF_8),
            true);
    byte[] publicKey = key.armoredPublicKey();

    LogEntryHttp.Response created = http.create("rpm", RpmKindTest.request(rpm, publicKey));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    byte[] body = LogEntryHttp.verifiedBody(created);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"Release\":\"3.el9\"");
    LogEntryHttp.Response read = http.get("/api/v1/log/entries/" + LogEntryHttp.entryId(created));
    assertThat(read.status()).isEqualTo(200);
    assertThat(LogEntryHttp.verifiedBody(read)).isEqualTo(body);

    long size = http.treeSize();
    byte[] tampered = rpm.clone();
    tampered[tampered.length - 2] ^= 0x20;
    LogEntryHttp.Response refused = http.create("rpm", RpmKindTest.request(tampered, publicKey));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue())
        .isEqualTo(
            "error processing entry: openpgp: invalid signature: the signature does not verify");
    assertThat(http.treeSize()).isEqualTo(size);
  }
}
