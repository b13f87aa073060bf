/**
 * The tile API (C2SP tlog-tiles): the log's checkpoint, hash tiles and entry bundles as static
 * resources at {@code <prefix>/checkpoint}, {@code <prefix>/tile/<L>/<N>[.p/<W>]} and {@code
 * <prefix>/tile/entries/<N>[.p/<W>]}, plus the checkpoint key at {@code <prefix>/vkey}. Errors are
 * plain text, not Rekor's JSON. Depends on log (and the storage rows it returns), signing and
 * merkle. See docs/tiles.md.
 */
@NullMarked
package dev.waxseal.server.api.tiles;

import org.jspecify.annotations.NullMarked;
