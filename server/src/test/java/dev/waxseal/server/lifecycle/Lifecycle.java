package dev.waxseal.server.lifecycle;

import dev.waxseal.server.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a lifecycle command in this JVM against a test database, as the jar's main would. */
final class Lifecycle {
  /** What a command printed and its exit status. */
  record Run(int status, String output) {}

  private Lifecycle() {}

  /** Runs {@code command} against {@code database}, with the keys of {@code dataDir}. */
  static Run run(TestDatabase.Coordinates database, Path dataDir, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.add("--spring.datasource.url=" + database.jdbcUrl());
    args.add("--spring.datasource.username=" + database.username());
    args.add("--spring.datasource.password=" + database.password());
    args.add("--waxseal.data-dir=" + dataDir);
    args.add("--waxseal.hostname=" + LifecycleIT.HOSTNAME);
    args.add("--logging.level.root=WARN");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status = LifecycleCommands.run(args.toArray(String[]::new), out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return new Run(status, output);
  }
}
