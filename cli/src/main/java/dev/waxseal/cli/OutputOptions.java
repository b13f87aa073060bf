package dev.waxseal.cli;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}, shared by every command. */
final class OutputOptions {
  @Option(
      names = "--json",
      description =
          "Print the result as one JSON line on stdout (findings are always JSON lines on stdout).")
  boolean json;

  @Option(names = "--no-progress", description = "Never draw a progress bar.")
  boolean noProgress;
}
