package dev.waxseal.bench.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sizes}: the bytes on disk of every table (heap, TOAST and maps) and every index of the
 * schema, per relation and per entry of the log (all trees), plus the cluster's WAL and whole
 * directory. Partitioned tables hold no rows themselves; their partitions are listed.
 */
@Command(
    name = "sizes",
    mixinStandardHelpOptions = true,
    description = "Bytes per table and per index of a data directory's log, and per entry.")
final class SizesCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      required = true,
      description = "The server's WAXSEAL_DATA_DIR (no server may be running on it).")
  Path dataDir = Path.of("");

  private static final String RELATIONS =
      "SELECT c.relname, c.relkind, coalesce(t.relname, ''),"
          + " pg_relation_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid),"
          + " c.reltuples::bigint"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_index x ON x.indexrelid = c.oid"
          + " LEFT JOIN pg_class t ON t.oid = x.indrelid"
          + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')"
          + " AND c.relname NOT LIKE 'flyway%'"
          + " ORDER BY pg_total_relation_size(c.oid) DESC, c.relname";

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    try (EmbeddedPostgres postgres = Cluster.start(dataDir, Cluster.READ);
        Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      long entries;
      try (ResultSet r = s.executeQuery("SELECT coalesce(sum(size), 0) FROM tree_head")) {
        r.next();
        entries = r.getLong(1);
      }
      out.printf("sizes    %d entries in all trees%n", entries);
      out.printf(
          "%-44s %-6s %15s %15s %12s %12s%n",
          "relation (table: heap+toast / index)", "kind", "bytes", "rows", "B/entry", "B/row");
      long tables = 0;
      long indexes = 0;
      try (ResultSet r = s.executeQuery(RELATIONS)) {
        while (r.next()) {
          boolean index = r.getString(2).equals("i");
          String name = index ? r.getString(1) + " (on " + r.getString(3) + ")" : r.getString(1);
          // A table's own bytes: everything but its indexes (heap, TOAST, free space and
          // visibility maps); an index's: its relation.
          long bytes = index ? r.getLong(4) : r.getLong(6) - r.getLong(5);
          long rows = r.getLong(7);
          if (index) {
            indexes += bytes;
          } else {
            tables += bytes;
          }
          out.printf(
              "%-44s %-6s %,15d %,15d %12.1f %12s%n",
              name,
              index ? "index" : "table",
              bytes,
              rows,
              entries == 0 ? 0.0 : (double) bytes / entries,
              rows > 0 ? String.format("%.1f", (double) bytes / rows) : "-");
        }
      }
      long database;
      try (ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
        r.next();
        database = r.getLong(1);
      }
      Path cluster = dataDir.resolve("postgres");
      out.printf(
          "%-44s %,15d bytes %10.1f B/entry%n",
          "all tables (heap+toast)", tables, per(tables, entries));
      out.printf(
          "%-44s %,15d bytes %10.1f B/entry%n", "all indexes", indexes, per(indexes, entries));
      out.printf(
          "%-44s %,15d bytes %10.1f B/entry%n", "database", database, per(database, entries));
      out.printf("%-44s %,15d bytes%n", "pg_wal", bytesUnder(cluster.resolve("pg_wal")));
      out.printf("%-44s %,15d bytes%n", "cluster directory", bytesUnder(cluster));
    }
    return 0;
  }

  private static double per(long bytes, long entries) {
    return entries == 0 ? 0.0 : (double) bytes / entries;
  }

  private static long bytesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
