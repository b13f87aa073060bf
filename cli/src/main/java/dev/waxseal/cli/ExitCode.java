package dev.waxseal.cli;

/** The pinned exit codes of every {@code waxseal} command (docs/cli.md). */
final class ExitCode {
  /** Everything verified and nothing watched was found. */
  static final int OK = 0;

  /** Everything verified and a watched item was found. */
  static final int FOUND = 1;

  /** Verification failed: a fork, a rollback, a bad signature, a bad proof. */
  static final int VERIFICATION_FAILED = 2;

  /** The check could not be completed: network, server errors, unreadable answers or files. */
  static final int INCOMPLETE = 3;

  /** The command line itself is wrong (unknown option, missing argument, bad watch file). */
  static final int USAGE = 64;

  private ExitCode() {}
}
