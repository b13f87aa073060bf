package dev.waxseal.client.monitor;

import dev.waxseal.client.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A writable copy of the recorded Tessera test log, to roll back or tamper with. */
final class TesseraLog {
  static final String VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  private TesseraLog() {}

  static Path copy(Path into) throws IOException {
    Path source = Fixtures.path("tlog-tiles/tessera-testdata-log");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = into.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return into;
  }

  /** Serves the recorded checkpoint of {@code size} as the latest. */
  static void publish(Path log, int size) throws IOException {
    Files.copy(
        log.resolve("checkpoint." + size),
        log.resolve("checkpoint"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
