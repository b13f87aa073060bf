/**
 * Following and auditing a log: the watch list, findings, the saved state, the scanner that
 * verifies every new entry against a signed checkpoint, and the auditor that recomputes every tile.
 * Depends on every other client package.
 */
@NullMarked
package dev.waxseal.client.monitor;

import org.jspecify.annotations.NullMarked;
