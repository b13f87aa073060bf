package dev.waxseal.server.entries.jar;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.entries.rfc3161.KindHttpIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** jar over HTTP: a JAR signed in the test is logged and proven; a tampered copy is not. */
class JarIT extends KindHttpIntegrationTest {
  @TempDir Path temp;

  private static ObjectNode spec(byte[] jar) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("archive").put("content", Base64.getEncoder().encodeToString(jar));
    return spec;
  }

  @Test
  void logsASignedJarAndRefusesATamperedOne() throws Exception {
    byte[] jar = SignedJars.signed(Kind.P256, "HTTP", temp);
    byte[] expected =
        new JarKind(JarKind.DEFAULT_MAX_METADATA_SIZE)
            .canonicalize(spec(jar), Purpose.APPEND)
            .body();

    createsAndProves(proposed("jar", spec(jar)), expected);

    byte[] tampered =
        SignedJars.rewrite(
            jar, "hello/World.txt", b -> "changed\n".getBytes(StandardCharsets.UTF_8));
    refused(proposed("jar", spec(tampered)));
  }
}
