package dev.waxseal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code waxseal} command line: verify, monitor and audit transparency logs. */
@Command(
    name = "waxseal",
    mixinStandardHelpOptions = true,
    version = "waxseal 0.1.0",
    description = "Verify, monitor and audit Rekor v1 and C2SP tlog-tiles transparency logs.",
    subcommands = {
      VerifyCommand.class,
      MonitorCommand.class,
      AuditCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeOnInvalidInput = ExitCode.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:all verified, nothing watched found",
      "1:a watched item was found",
      "2:verification failed (fork, rollback, bad signature, bad proof)",
      "3:could not complete (network, server errors)",
      "64:bad command line or input file"
    })
public final class Waxseal {
  private Waxseal() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests and embedding. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line: an unexpected exception is reported and exits 3. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Waxseal());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("waxseal: " + e);
          return ExitCode.INCOMPLETE;
        });
    return commandLine;
  }
}
