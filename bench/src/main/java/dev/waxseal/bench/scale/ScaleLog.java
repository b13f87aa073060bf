package dev.waxseal.bench.scale;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The scale benchmark's command line: {@code build} bulk-loads a log into a server's data
 * directory, {@code sizes} prints the bytes per entry of every table and index (docs/capacity.md).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.scale.ScaleLog build \
 *     --data-dir /var/tmp/waxseal-scale/log --entries 10000000
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.scale.ScaleLog sizes \
 *     --data-dir /var/tmp/waxseal-scale/log
 * }</pre>
 */
@Command(
    name = "ScaleLog",
    mixinStandardHelpOptions = true,
    description = "Bulk-build a large log in a Waxseal data directory and measure its size.",
    subcommands = {BuildCommand.class, SizesCommand.class})
public final class ScaleLog implements Runnable {
  /** Runs the command line and exits with its status (2 for a failure). */
  public static void main(String[] args) {
    CommandLine commandLine =
        new CommandLine(new ScaleLog())
            .setExecutionExceptionHandler(
                (e, command, parsed) -> {
                  command.getErr().println("ScaleLog: " + e);
                  e.printStackTrace(command.getErr());
                  return 2;
                });
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
