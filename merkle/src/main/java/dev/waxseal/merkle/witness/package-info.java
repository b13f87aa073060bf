/**
 * Witness cosignatures and witness policies: what a client needs to require that a checkpoint was
 * seen by k of n independent witnesses.
 *
 * <ul>
 *   <li>{@link dev.waxseal.merkle.witness.Cosignature}: one C2SP tlog-cosignature {@code
 *       cosignature/v1} line (Ed25519, signature type 0x04): key id, timestamp and signature, and
 *       the exact message a witness signs.
 *   <li>{@link dev.waxseal.merkle.witness.CosignatureVerifier} checks one witness's cosignatures;
 *       {@link dev.waxseal.merkle.witness.Cosigner} produces them with a pluggable {@link
 *       dev.waxseal.merkle.note.NoteSigner}.
 *   <li>{@link dev.waxseal.merkle.witness.WitnessPolicy}: Sigsum's policy file ({@code log}, {@code
 *       witness}, {@code group}, {@code quorum}), parsed strictly, and the k-of-n quorum check over
 *       a signed checkpoint.
 * </ul>
 *
 * <p>Unlike {@code note}, this package verifies Ed25519 itself, with the JDK's own provider (JDK
 * 15+, {@code SunEC}): a policy names witnesses by raw public key, so the verifier has to be built
 * here, and the JDK is the one dependency merkle allows. Signing stays behind {@code NoteSigner} so
 * that a server may keep the witness key in a KMS.
 *
 * <p>Depends on the JDK and on {@code dev.waxseal.merkle.note}.
 */
@NullMarked
package dev.waxseal.merkle.witness;

import org.jspecify.annotations.NullMarked;
