package dev.waxseal.bench.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load driver's command line: {@code write} posts pre-generated hashedrekord entries, {@code
 * read} reads entries and consistency proofs at random. Both print throughput, latency percentiles
 * (p50/p90/p99/p99.9), status counts, the load average and the driver's own CPU use.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.load.LoadDriver write -c 64 -d 60s
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.load.LoadDriver write-v2 -c 64 -d 60s
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.load.LoadDriver read -c 16 -d 30s
 * }</pre>
 */
@Command(
    name = "LoadDriver",
    mixinStandardHelpOptions = true,
    description = "HTTP load driver for a Waxseal (Rekor v1 API) server on this machine.",
    subcommands = {WriteCommand.class, WriteV2Command.class, ReadCommand.class})
public final class LoadDriver implements Runnable {
  /** Runs the command line and exits with its status (2 for a bad argument or an I/O failure). */
  public static void main(String[] args) {
    CommandLine commandLine =
        new CommandLine(new LoadDriver())
            .setExecutionExceptionHandler(
                (e, command, parsed) -> {
                  command.getErr().println("LoadDriver: " + e);
                  return 2;
                });
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
