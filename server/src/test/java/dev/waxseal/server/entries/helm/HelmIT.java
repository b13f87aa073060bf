package dev.waxseal.server.entries.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.pgp.PgpTestKeys;
import dev.waxseal.server.testing.LogEntryHttp;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * helm 0.0.1 over HTTP: a clear-signed provenance logged, read back, proven; a tampered one not.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=api.test"})
class HelmIT extends PostgresIntegrationTest {
  @LocalServerPort int port;

  @Test
  void logsAProvenanceAndRefusesATamperedOne() throws Exception {
    LogEntryHttp http = new LogEntryHttp(port);
    PgpTestKeys.Ring key = PgpTestKeys.rsa("Chart Signer <charts@example.com>", 31);
    byte[] provenance = key.clearSign(HelmKindTest.PROVENANCE_TEXT);
    byte[] publicKey = key.armoredPublicKey();

    LogEntryHttp.Response created =
        http.create("helm", HelmKindTest.request(provenance, publicKey));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    byte[] body = LogEntryHttp.verifiedBody(created);
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains("\"value\":\"" + HelmKindTest.CHART_SHA256 + "\"");
    LogEntryHttp.Response read = http.get("/api/v1/log/entries/" + LogEntryHttp.entryId(created));
    assertThat(read.status()).isEqualTo(200);
    assertThat(LogEntryHttp.verifiedBody(read)).isEqualTo(body);

    long size = http.treeSize();
    String tampered =
        new String(provenance, StandardCharsets.US_ASCII)
            .replace("version: 0.1.0", "version: 9.9.9");
    LogEntryHttp.Response refused =
        http.create(
            "helm", HelmKindTest.request(tampered.getBytes(StandardCharsets.US_ASCII), publicKey));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue())
        .startsWith("error processing entry: openpgp: invalid signature");
    assertThat(http.treeSize()).isEqualTo(size);
  }
}
