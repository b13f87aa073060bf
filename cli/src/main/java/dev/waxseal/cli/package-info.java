/**
 * The {@code waxseal} command: {@code verify}, {@code monitor} and {@code audit} over the client
 * library. Picocli commands, output and exit codes; no verification logic of its own.
 */
@NullMarked
package dev.waxseal.cli;

import org.jspecify.annotations.NullMarked;
