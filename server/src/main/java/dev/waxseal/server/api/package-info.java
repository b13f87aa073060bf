/**
 * The Rekor v1 REST API over HTTP: package-private controllers, response records in Rekor's field
 * order, and one exception handler that answers every error on {@code /api/v1/**} with Rekor's
 * {@code {"code","message"}} body. Depends on entries, log and signing; nothing depends on it.
 */
@NullMarked
package dev.waxseal.server.api;

import org.jspecify.annotations.NullMarked;
