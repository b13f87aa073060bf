/**
 * Merkle proofs: planning ({@link dev.waxseal.merkle.proof.ProofNodes}, pure index arithmetic), the
 * proof records, and strict verification: {@link dev.waxseal.merkle.proof.ProofVerifier} for RFC
 * 9162 §2.1.3–2.1.4 inclusion and consistency, {@link
 * dev.waxseal.merkle.proof.SubtreeProofVerifier} for the subtree inclusion and consistency proofs
 * of draft-ietf-plants-merkle-tree-certs §4 (the subtrees C2SP cosigners sign). Depends only on
 * {@code dev.waxseal.merkle} and the JDK.
 */
@NullMarked
package dev.waxseal.merkle.proof;

import org.jspecify.annotations.NullMarked;
