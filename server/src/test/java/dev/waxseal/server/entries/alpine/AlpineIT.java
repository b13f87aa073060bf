package dev.waxseal.server.entries.alpine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.LogEntryHttp;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** alpine 0.0.1 over HTTP: a signed APK logged, read back, proven; a tampered one not. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=api.test"})
class AlpineIT extends PostgresIntegrationTest {
  @LocalServerPort int port;

  @Test
  void logsAPackageAndRefusesATamperedOne() throws Exception {
    LogEntryHttp http = new LogEntryHttp(port);
    KeyPair key = Apks.keyPair("RSA", 2048);
    byte[] data = Apks.data();
    String pkginfo = Apks.pkginfo(data);
    byte[] apk = Apks.signed(key, "SHA1withRSA", pkginfo, data);
    String pem = Apks.pem(key.getPublic());

    LogEntryHttp.Response created = http.create("alpine", AlpineKindTest.request(apk, pem));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    byte[] body = LogEntryHttp.verifiedBody(created);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"pkgname\":\"hello\"");
    LogEntryHttp.Response read = http.get("/api/v1/log/entries/" + LogEntryHttp.entryId(created));
    assertThat(read.status()).isEqualTo(200);
    assertThat(LogEntryHttp.verifiedBody(read)).isEqualTo(body);

    long size = http.treeSize();
    byte[] signature = Apks.signatureMember(key.getPrivate(), "SHA1withRSA", Apks.control(pkginfo));
    byte[] tampered =
        Apks.apk(signature, Apks.control(pkginfo.replace("Says hello", "Says goodbye")), data);
    LogEntryHttp.Response refused = http.create("alpine", AlpineKindTest.request(tampered, pem));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue())
        .isEqualTo("error processing entry: crypto/rsa: verification error");
    assertThat(http.treeSize()).isEqualTo(size);
  }
}
