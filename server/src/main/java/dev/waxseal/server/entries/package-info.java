/**
 * Entry kinds: turning a client's proposed entry into the canonical leaf bytes Rekor v1 stores.
 *
 * <p>{@link dev.waxseal.server.entries.EntryKind} is the extension point (one implementation per
 * kind and apiVersion, in a sub-package each), {@link dev.waxseal.server.entries.EntryKinds} the
 * registry the API calls, {@link dev.waxseal.server.entries.CanonicalEntry} the result and {@link
 * dev.waxseal.server.entries.CanonicalJson} the RFC 8785 serializer every kind uses.
 *
 * <p>May depend on {@code dev.waxseal.merkle}, Jackson and Bouncy Castle. Must not depend on {@code
 * api}, {@code log}, {@code storage} or {@code signing}. Plain classes; the only Spring type is
 * {@link dev.waxseal.server.entries.EntriesConfiguration}.
 */
@NullMarked
package dev.waxseal.server.entries;

import org.jspecify.annotations.NullMarked;
