/**
 * Keys, signatures and envelopes as Rekor's {@code pkg/pki} and its dependencies read them: X.509 /
 * PKIX public keys, certificates and certificate chains (PEM parsing, Rekor's canonical
 * re-encoding, certificate subjects for the search index, verification over a digest or a whole
 * message with Bouncy Castle's low-level primitives, chain verification with Go's {@code
 * crypto/x509} path-building rules), DSSE envelopes with go-securesystemslib's verification rules,
 * in-toto statement digests, the SSH wire format, and the few rules of Go's {@code encoding/json}
 * that decide whether Rekor accepts a document.
 *
 * <p>Shared by the entry kinds. Depends on Bouncy Castle, Jackson, {@code dev.waxseal.merkle} and
 * {@code dev.waxseal.server.entries} only.
 */
@NullMarked
package dev.waxseal.server.entries.pki;

import org.jspecify.annotations.NullMarked;
