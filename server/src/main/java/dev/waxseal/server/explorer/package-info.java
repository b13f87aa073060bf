/**
 * The web explorer: HTML pages at {@code /}, {@code /search} and {@code /entries/<uuid>}, and their
 * scripts and styles under {@code /explorer/}. The pages are static; their scripts read the public
 * Rekor v1 API (and the tile API's checkpoints) like any other client, and verify an entry's proof,
 * checkpoint and SET in the browser (docs/explorer.md). Depends on nothing else of the server; only
 * this package's responses carry its Content-Security-Policy.
 */
@NullMarked
package dev.waxseal.server.explorer;

import org.jspecify.annotations.NullMarked;
