package dev.waxseal.server.admin;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The public addresses named in the served Sigstore trust material ({@code waxseal.sigstore.*}):
 * the service as clients reach it, not as the management port sees it.
 *
 * @param baseUrl the v1 log's public base URL ({@code WAXSEAL_PUBLIC_URL}); its host should be
 *     {@code waxseal.hostname}, the name its checkpoints are signed under
 * @param v2BaseUrl the v2 log's ({@code waxseal.rekor-v2.base-url})
 * @param tsaUrl the timestamp authority's {@code /api/v1/timestamp} URL
 * @param operator the operator named in the signing config
 */
@Validated
@ConfigurationProperties("waxseal.sigstore")
record SigstoreProperties(
    @NotNull String baseUrl,
    @NotNull String v2BaseUrl,
    @NotNull String tsaUrl,
    @NotNull String operator) {}
