package dev.waxseal.server.api.tiles;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the tile API is served ({@code waxseal.tiles.prefix}; the checkpoint key and origin are in
 * {@code signing.C2spProperties}).
 *
 * <p>The controllers map {@code ${waxseal.tiles.prefix}/...} directly; this record makes a bad
 * prefix fail the start instead of silently mapping odd paths.
 *
 * @param prefix the URL path before {@code /checkpoint} and {@code /tile/} ({@code
 *     WAXSEAL_TILES_PREFIX}): empty (the default, the tiles sit at the root) or {@code /a/b}
 *     segments of unreserved characters, without a trailing slash
 */
@Validated
@ConfigurationProperties("waxseal.tiles")
public record TilesProperties(
    @DefaultValue("")
        @NotNull
        @Pattern(
            regexp = "(/[A-Za-z0-9._~-]+)*",
            message = "must be empty or /segment[/segment...] without a trailing slash")
        String prefix) {}
