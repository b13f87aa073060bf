/**
 * The {@code tuf} 0.0.1 entry kind: TUF metadata of any role verified against a TUF root, as
 * Rekor's {@code pkg/types/tuf/v0.0.1} does with go-tuf 0.7's {@code verify.DB}.
 *
 * <p>Signatures are over the OLPC-style canonical JSON of go-securesystemslib's {@code cjson}
 * ({@link dev.waxseal.server.entries.tuf.TufCanonicalJson}), not RFC 8785; the stored body holds
 * the RFC 8785 form. Depends on {@code dev.waxseal.server.entries} and Bouncy Castle.
 */
@NullMarked
package dev.waxseal.server.entries.tuf;

import org.jspecify.annotations.NullMarked;
