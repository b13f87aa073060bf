/**
 * The log: the append path (batch, sequence, integrate, publish in one transaction) and the read
 * path (entries and proofs from tiles). Depends on storage, signing and merkle.
 */
@NullMarked
package dev.waxseal.server.log;

import org.jspecify.annotations.NullMarked;
