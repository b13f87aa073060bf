package dev.waxseal.server.log;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the log rotates its shard by itself.
 *
 * @param maxSize the active shard is frozen and a new one started once it holds at least this many
 *     entries ({@code WAXSEAL_SHARD_MAX_SIZE}); 0, the default, never rotates by itself. A shard
 *     may end up to one batch ({@code waxseal.log.batch-max-size}) larger: the check runs after
 *     each batch.
 */
@Validated
@ConfigurationProperties("waxseal.shards")
public record ShardProperties(@DefaultValue("0") @Min(0) long maxSize) {}
