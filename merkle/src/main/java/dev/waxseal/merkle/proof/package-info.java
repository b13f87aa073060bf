/**
 * Merkle proofs: planning ({@link dev.waxseal.merkle.proof.ProofNodes}, pure index arithmetic), the
 * proof records, and strict verification ({@link dev.waxseal.merkle.proof.ProofVerifier}, RFC 9162
 * §2.1.3–2.1.4). Depends only on {@code dev.waxseal.merkle} and the JDK.
 */
@NullMarked
package dev.waxseal.merkle.proof;

import org.jspecify.annotations.NullMarked;
