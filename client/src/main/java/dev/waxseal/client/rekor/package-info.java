/**
 * A reader of Rekor v1 REST logs (Waxseal or Rekor): log info with its inactive shards, entries by
 * index and UUID, consistency proofs, and verification of an entry (SET, inclusion proof,
 * checkpoint). Depends on http, verify, merkle, Jackson.
 */
@NullMarked
package dev.waxseal.client.rekor;

import org.jspecify.annotations.NullMarked;
