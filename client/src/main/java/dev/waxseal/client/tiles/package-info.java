/**
 * A reader of C2SP tlog-tiles logs (Waxseal's tile API, Rekor v2, Tessera, Sunlight): checkpoints,
 * hash tiles and entry bundles, fetched in parallel. Depends on http and merkle.
 */
@NullMarked
package dev.waxseal.client.tiles;

import org.jspecify.annotations.NullMarked;
