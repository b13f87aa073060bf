package dev.waxseal.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code waxseal.tsa.enabled} switches the authority on and off. */
class TsaConfigurationTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TsaProperties.class)
  static class Properties {}

  private ApplicationContextRunner runner(Path dataDir) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, TsaConfiguration.class)
        .withPropertyValues("waxseal.tsa.data-dir=" + dataDir, "waxseal.hostname=tsa.test");
  }

  @Test
  void onByDefaultWithAGeneratedKey(@TempDir Path dir) {
    runner(dir)
        .run(
            context -> {
              assertThat(context).hasSingleBean(TimestampAuthority.class);
              assertThat(dir.resolve("keys/tsa-signer.pem")).exists();
              assertThat(dir.resolve("keys/tsa-chain.pem")).exists();
            });
  }

  @Test
  void aKeyOrChainLeftAloneByACrashIsReplacedByANewPair(@TempDir Path dir) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("tsa-signer.pem"), "half-written");
    runner(dir)
        .run(
            context -> {
              assertThat(context).hasSingleBean(TimestampAuthority.class);
              assertThat(keys.resolve("tsa-signer.pem")).content().startsWith("-----BEGIN");
              assertThat(keys.resolve("tsa-chain.pem")).content().startsWith("-----BEGIN");
              assertThat(keys).isDirectoryNotContaining("glob:**.tmp");
            });
  }

  @Test
  void offWhenDisabledAndGeneratesNothing(@TempDir Path dir) {
    runner(dir)
        .withPropertyValues("waxseal.tsa.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TimestampAuthority.class);
              assertThat(dir.resolve("keys")).doesNotExist();
            });
  }

  @Test
  void failsToStartWithoutKeyWhenGenerationIsOff(@TempDir Path dir) {
    runner(dir)
        .withPropertyValues("waxseal.tsa.allow-generated-key=false")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith("no TSA key: set WAXSEAL_TSA_KEY_FILE"));
  }
}
