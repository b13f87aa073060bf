package dev.waxseal.merkle.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads test resources under {@code src/test/resources/notes/}; a missing file fails the test. */
final class Fixtures {
  private Fixtures() {}

  /** The {@code notes/} resource directory. */
  static Path dir() {
    URL url = Fixtures.class.getClassLoader().getResource("notes");
    if (url == null) {
      throw new IllegalStateException("test resource directory notes/ is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path path(String relative) {
    Path path = dir().resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("fixture " + path + " is missing");
    }
    return path;
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  /**
   * File names (not paths) in {@code relativeDir} whose names start with {@code prefix}, sorted.
   */
  static List<String> names(String relativeDir, String prefix) {
    try (Stream<Path> files = Files.list(dir().resolve(relativeDir))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
