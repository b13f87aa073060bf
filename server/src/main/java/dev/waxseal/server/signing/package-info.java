/**
 * The log's keys: loading or generating them (a PEM file, or Google Cloud KMS in {@code .kms}), and
 * signing checkpoints (Rekor v1 and C2SP dialects) and signed entry timestamps. Local signatures go
 * through Bouncy Castle's lightweight API on its custom P-256 curve (measured 8–12× faster than the
 * JDK's SunEC for ECDSA here); hashing goes through the JDK. Depends on merkle only (and, in {@code
 * .kms}, the Cloud KMS client).
 */
@NullMarked
package dev.waxseal.server.signing;

import org.jspecify.annotations.NullMarked;
