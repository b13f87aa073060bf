package dev.waxseal.server.admin;

import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.ShardRotation;
import dev.waxseal.server.signing.RekorV2Keys;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.tsa.TimestampAuthority;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@code /actuator/shards} only when the management server has a port of its own ({@code
 * MANAGEMENT_SERVER_PORT} set and different from {@code SERVER_PORT}). On a shared port the
 * endpoint does not exist at all, so the public API port answers 404 for it; and with a port of its
 * own, actuator endpoints are not served on the API port either.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {
  @Bean
  @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
  ShardsEndpoint shardsEndpoint(LogReader reader, ShardRotation rotation) {
    return new ShardsEndpoint(reader, rotation);
  }

  @Bean
  @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
  SigstoreEndpoint sigstoreEndpoint(
      LogReader reader,
      PostgresLogStore store,
      ObjectProvider<RekorV2Keys> v2Keys,
      ObjectProvider<TimestampAuthority> tsa,
      SigstoreProperties properties) {
    return new SigstoreEndpoint(
        reader, store, v2Keys.getIfAvailable(), tsa.getIfAvailable(), properties);
  }
}
