/**
 * Verification of what a log signs: checkpoints in the Rekor v1 and C2SP dialects (ECDSA P-256,
 * Ed25519, RSA), Rekor v1 signed entry timestamps, and public keys from PEM. Depends on merkle and
 * the JDK.
 */
@NullMarked
package dev.waxseal.client.verify;

import org.jspecify.annotations.NullMarked;
