package dev.waxseal.server.log;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the log batches appends and caches tiles.
 *
 * @param batchMaxSize the most entries integrated in one transaction
 * @param batchMaxAge how long the first entry of a batch may wait for others to join it; while a
 *     batch commits, the next one fills anyway, so this only matters under light load
 * @param maxPending entries waiting for integration beyond which new ones are refused at once (503
 *     with Retry-After)
 * @param retryAfter what an overloaded log tells clients to wait
 * @param tileCacheSize the most tiles kept in memory (a full tile is 8 KiB)
 */
@Validated
@ConfigurationProperties("waxseal.log")
public record AppenderProperties(
    @DefaultValue("1024") @Min(1) @Max(65536) int batchMaxSize,
    @DefaultValue("2ms") @NotNull Duration batchMaxAge,
    @DefaultValue("8192") @Min(1) int maxPending,
    @DefaultValue("1s") @NotNull Duration retryAfter,
    @DefaultValue("16384") @Min(0) int tileCacheSize) {}
