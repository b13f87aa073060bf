/**
 * X.509 / PKIX public keys and certificates as Rekor's {@code pkg/pki/x509} accepts them: PEM
 * parsing, Rekor's canonical re-encoding, certificate subjects for the search index, and signature
 * verification over a pre-computed digest with Bouncy Castle's low-level primitives.
 *
 * <p>Shared by the entry kinds. Depends on Bouncy Castle and {@code dev.waxseal.merkle} only.
 */
@NullMarked
package dev.waxseal.server.entries.pki;

import org.jspecify.annotations.NullMarked;
