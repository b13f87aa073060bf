/**
 * The log's keys: loading or generating them, and signing checkpoints and signed entry timestamps.
 * All signatures go through Bouncy Castle's lightweight API (measured 8–12× faster than the JDK's
 * SunEC for ECDSA here); hashing goes through the JDK. Depends on merkle only.
 */
@NullMarked
package dev.waxseal.server.signing;

import org.jspecify.annotations.NullMarked;
