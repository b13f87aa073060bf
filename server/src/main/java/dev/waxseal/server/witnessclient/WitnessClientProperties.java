package dev.waxseal.server.witnessclient;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The log's witness client ({@code waxseal.witness-client}).
 *
 * @param policyFile a Sigsum policy file naming the witnesses (with URLs) and the quorum ({@code
 *     WAXSEAL_WITNESS_POLICY}); empty turns the client off
 * @param mode {@code fail-open} or {@code fail-closed} ({@code WAXSEAL_WITNESS_MODE})
 * @param timeout the longest one add-checkpoint request may take ({@code WAXSEAL_WITNESS_TIMEOUT})
 * @param minInterval the shortest time between two requests to one witness for one tree ({@code
 *     WAXSEAL_WITNESS_MIN_INTERVAL}); checkpoints published meanwhile coalesce into the newest
 * @param threads the threads sending requests (one request in flight per witness and tree)
 */
@Validated
@ConfigurationProperties("waxseal.witness-client")
public record WitnessClientProperties(
    @DefaultValue("") @NotNull String policyFile,
    @DefaultValue("fail-open") @NotNull String mode,
    @DefaultValue("5s") @NotNull Duration timeout,
    @DefaultValue("1s") @NotNull Duration minInterval,
    @DefaultValue("4") @Positive int threads) {}
