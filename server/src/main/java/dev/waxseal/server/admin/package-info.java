/**
 * Operator endpoints on the management port: {@code /actuator/shards} lists the log's shards and
 * rotates the active one. Never on the public API port. Depends on {@code log}.
 */
@NullMarked
package dev.waxseal.server.admin;

import org.jspecify.annotations.NullMarked;
