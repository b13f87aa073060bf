/**
 * RFC 6962 Merkle tree primitives: {@link dev.waxseal.merkle.Hash}, hashing in {@link
 * dev.waxseal.merkle.Rfc6962}, node ids and the compact range. JDK only.
 */
@NullMarked
package dev.waxseal.merkle;

import org.jspecify.annotations.NullMarked;
