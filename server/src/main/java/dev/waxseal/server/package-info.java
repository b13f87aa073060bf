/** The Waxseal server: a Rekor v1 compatible transparency log on PostgreSQL. */
@NullMarked
package dev.waxseal.server;

import org.jspecify.annotations.NullMarked;
