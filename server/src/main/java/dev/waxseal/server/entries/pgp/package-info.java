/**
 * OpenPGP as Rekor's {@code pkg/pki/pgp} reads it with Go's {@code golang.org/x/crypto/openpgp}:
 * packet splitting and armor in Go's layout, public key rings re-serialized as Go keeps them
 * (Rekor's canonical key), and data signature verification with Bouncy Castle's bcpg.
 *
 * <p>Shared by the entry kinds that carry OpenPGP keys ({@code rekord}, {@code rpm}, {@code helm}).
 * Depends on Bouncy Castle and {@code dev.waxseal.server.entries} only.
 */
@NullMarked
package dev.waxseal.server.entries.pgp;

import org.jspecify.annotations.NullMarked;
