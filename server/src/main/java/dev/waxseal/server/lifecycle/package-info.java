/**
 * The data lifecycle commands of the server jar ({@code export}, {@code import}, {@code
 * import-rekor}, {@code audit}, {@code new-shard}): run against the configured database with no web
 * server, for backups, restores and migrations (docs/lifecycle.md, docs/backup-restore.md). May
 * depend on log, storage, signing, merkle and the client library; nothing depends on it but the
 * application's main method.
 */
@NullMarked
package dev.waxseal.server.lifecycle;

import org.jspecify.annotations.NullMarked;
