/**
 * C2SP tlog-tiles: tile ids, geometry and paths, immutable tiles, the {@link
 * dev.waxseal.merkle.tiles.TileReader} seam storage implements, proofs built from tiles ({@link
 * dev.waxseal.merkle.tiles.TileProofs}) and appending leaves to tiles ({@link
 * dev.waxseal.merkle.tiles.TileAppender}). Depends on {@code dev.waxseal.merkle}, {@code
 * dev.waxseal.merkle.proof} and the JDK only.
 */
@NullMarked
package dev.waxseal.merkle.tiles;

import org.jspecify.annotations.NullMarked;
