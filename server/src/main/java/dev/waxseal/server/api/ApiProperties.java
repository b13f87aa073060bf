package dev.waxseal.server.api;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API.
 *
 * @param maxRequestBodySize the largest request body accepted on {@code /api/v1/**}; larger ones
 *     get 413. The default, 1 MiB, is about fifty times the largest hashedrekord a client sends (a
 *     signature and a certificate chain, a few KiB) and still ten times Rekor's attestation limit
 *     (100 KiB) for the DSSE kinds to come, while it bounds the memory one request can take
 *     (Rekor's own default is unlimited; rekor-tiles uses 4 MiB).
 */
@Validated
@ConfigurationProperties("waxseal.api")
public record ApiProperties(@DefaultValue("1MB") @NotNull DataSize maxRequestBodySize) {
  /** Checks the limit is positive. */
  public ApiProperties {
    if (maxRequestBodySize.toBytes() < 1) {
      throw new IllegalArgumentException(
          "waxseal.api.max-request-body-size must be positive, got " + maxRequestBodySize);
    }
  }
}
