package dev.waxseal.server.witness;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Witness mode settings ({@code waxseal.witness}).
 *
 * @param keyFile the witness's Ed25519 private key, PEM ({@code WAXSEAL_WITNESS_KEY_FILE}); empty
 *     turns witness mode off
 * @param logsFile the witnessed logs, one {@code <origin> <vkey>} line each ({@code
 *     WAXSEAL_WITNESS_LOGS}); required in witness mode
 * @param name the witness's key name on its cosignature lines ({@code WAXSEAL_WITNESS_NAME},
 *     default {@code <hostname>/witness}), a URL-like name without scheme
 * @param requestsPerSecond the sustained add-checkpoint rate allowed per log; above it, 429
 * @param burst how many requests a log may send at once before the rate applies
 * @param maxRequestBodySize the largest add-checkpoint body (413 above it): 63 proof lines and a
 *     checkpoint with many signatures fit in a few kilobytes
 */
@Validated
@ConfigurationProperties("waxseal.witness")
public record WitnessProperties(
    @DefaultValue("") @NotNull String keyFile,
    @DefaultValue("") @NotNull String logsFile,
    @DefaultValue("localhost/witness") @NotNull String name,
    @DefaultValue("10") @Positive double requestsPerSecond,
    @DefaultValue("20") @Positive int burst,
    @DefaultValue("64KB") @NotNull DataSize maxRequestBodySize) {}
