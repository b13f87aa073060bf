/**
 * PostgreSQL access: the embedded database of the quick start, the log store and the tile store.
 * May depend on {@code dev.waxseal.merkle}; nothing here knows about HTTP.
 */
@NullMarked
package dev.waxseal.server.storage;

import org.jspecify.annotations.NullMarked;
